package org.opencrm.web.lists;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencrm.web.Logins.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencrm.core.user.Role;
import org.opencrm.core.user.UserCommand;
import org.opencrm.core.user.UserService;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The leads list's bulk actions (assign, status through the lead's status flow) and its
 * CSV export, with the same skipping and visibility rules as accounts and contacts.
 */
@WebIntegrationTest
class ListLeadsTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	String u;

	long rep;

	long rep2;

	@BeforeEach
	void names() {
		u = UUID.randomUUID().toString().substring(0, 8);
		rep = users.loadUserByUsername("rep").id();
		rep2 = users.loadUserByUsername("rep2").id();
	}

	private long lead(String last, long owner) {
		return jdbc.sql("""
				insert into leads (first_name, last_name, company, source, status, owner_id)
				values ('Lee', ?, ?, ?, 'NEW', ?) returning id
				""").params(last, "Co " + u, "src" + u, owner).query(Long.class).single();
	}

	private String row(long id) {
		return id + ":" + jdbc.sql("select version from leads where id = ?").param(id).query(Long.class).single();
	}

	private String column(String column, long id) {
		return jdbc.sql("select cast(" + column + " as text) from leads where id = ?")
			.param(id)
			.query(String.class)
			.single();
	}

	@Test
	void statusMovesGoThroughTheFlowAndSkipForeignAndStaleLeads() throws Exception {
		long mine = lead("Mine" + u, rep);
		long stale = lead("Stale" + u, rep);
		long theirs = lead("Theirs" + u, rep2);
		String staleRow = row(stale);
		jdbc.sql("update leads set version = version + 1 where id = ?").param(stale).update();

		BulkOutcome outcome = (BulkOutcome) mvc
			.perform(post("/leads/bulk").param("action", "stage")
				.param("newStage", "WORKING")
				.param("rows", row(mine), staleRow, row(theirs))
				.with(csrf())
				.with(as(users, "rep")))
			.andReturn()
			.getFlashMap()
			.get("bulkOutcome");
		assertThat(outcome.done()).isEqualTo(1);
		assertThat(outcome.skipped()).containsEntry("changed by someone else", 1)
			.containsEntry("not found or not yours to change", 1);
		assertThat(column("status", mine)).isEqualTo("WORKING");
		assertThat(column("status", theirs)).isEqualTo("NEW");

		// Converting is its own action: refused per row with the flow's message.
		BulkOutcome converted = (BulkOutcome) mvc
			.perform(post("/leads/bulk").param("action", "stage")
				.param("newStage", "CONVERTED")
				.param("rows", row(mine))
				.with(csrf())
				.with(as(users, "rep")))
			.andReturn()
			.getFlashMap()
			.get("bulkOutcome");
		assertThat(converted.done()).isZero();
		assertThat(converted.skippedCount()).isEqualTo(1);

		mvc.perform(post("/leads/bulk").param("action", "addTag")
			.param("tag", "x")
			.param("rows", row(mine))
			.with(csrf())
			.with(as(users, "rep"))).andExpect(flash().attribute("flashError", "bulk.action.unknown"));
	}

	@Test
	void disqualifyingInBulkNeedsTheFormsReasonAndKeepsItOnEachLead() throws Exception {
		long lead = lead("Disq" + u, rep);

		mvc.perform(post("/leads/bulk").param("action", "stage")
			.param("newStage", "DISQUALIFIED")
			.param("reason", "  ")
			.param("rows", row(lead))
			.with(csrf())
			.with(as(users, "rep"))).andExpect(flash().attribute("flashError", "bulk.reason.disqualified"));
		assertThat(column("status", lead)).isEqualTo("NEW");

		BulkOutcome outcome = (BulkOutcome) mvc
			.perform(post("/leads/bulk").param("action", "stage")
				.param("newStage", "DISQUALIFIED")
				.param("reason", "No budget")
				.param("rows", row(lead))
				.with(csrf())
				.with(as(users, "rep")))
			.andReturn()
			.getFlashMap()
			.get("bulkOutcome");
		assertThat(outcome.done()).isEqualTo(1);
		assertThat(column("status", lead)).isEqualTo("DISQUALIFIED");
		assertThat(column("disqualified_reason", lead)).isEqualTo("No budget");
	}

	@Test
	void aManagerAssignsTheTeamsLeads() throws Exception {
		long lead = lead("Assign" + u, rep);
		mvc.perform(post("/leads/bulk").param("action", "assign")
			.param("owner", String.valueOf(rep2))
			.param("rows", row(lead))
			.with(csrf())
			.with(as(users, "rep"))).andExpect(flash().attribute("flashError", "customer.owner.notAllowed"));
		mvc.perform(post("/leads/bulk").param("action", "assign")
			.param("owner", String.valueOf(rep2))
			.param("rows", row(lead))
			.with(csrf())
			.with(as(users, "manager"))).andExpect(flash().attributeExists("bulkOutcome"));
		assertThat(column("owner_id", lead)).isEqualTo(String.valueOf(rep2));
		assertThat(column("version", lead)).isEqualTo("1");
	}

	@Test
	void theExportHoldsTheFilteredLeadsTheUserMaySee() throws Exception {
		lead("Exported" + u, rep);
		lead("Hidden" + u, rep2);
		MvcResult started = mvc.perform(get("/leads/export").param("source", "src" + u).with(as(users, "rep")))
			.andExpect(request().asyncStarted())
			.andReturn();
		String body = mvc.perform(asyncDispatch(started))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(body.split("\r\n")).hasSize(2);
		assertThat(body).contains("Exported" + u).doesNotContain("Hidden" + u);
	}

	@Test
	void theExportWritesMomentsInTheReadersTimeZoneNotTheServers() throws Exception {
		String tokyo = "tokyo." + u;
		users.createUser(
				new UserCommand(tokyo, "Toshi Tokyo", null, Role.SALES_REP, null, true, "kettle-harbour-17", 0));
		jdbc.sql("update users set time_zone = 'Asia/Tokyo' where username = ?").param(tokyo).update();
		long lead = lead("Midnight" + u, users.loadUserByUsername(tokyo).id());
		// Midnight UTC: 09:00 in Tokyo, whatever zone the server runs in.
		jdbc.sql("update leads set created_at = '2030-06-03T00:00:00Z' where id = ?").param(lead).update();

		MvcResult started = mvc.perform(get("/leads/export").param("source", "src" + u).with(as(users, tokyo)))
			.andExpect(request().asyncStarted())
			.andReturn();
		String body = mvc.perform(asyncDispatch(started)).andReturn().getResponse().getContentAsString();

		assertThat(body).contains("Midnight" + u, ",2030-06-03 09:00,").doesNotContain("2030-06-03T00:00");
	}

}
