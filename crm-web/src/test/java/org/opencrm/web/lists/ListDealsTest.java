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
import org.opencrm.core.user.UserService;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The deals list works like the others: ticked rows with their version, bulk assign,
 * stage moves per pipeline (a lost stage with the form's reason), delete for managers and
 * admins, saved views and the streamed export of its filters.
 */
@WebIntegrationTest
class ListDealsTest {

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

	/** A deal of {@code owner} in the default pipeline's first open stage. */
	private long deal(String name, long owner) {
		return jdbc
			.sql("""
					insert into opportunities (name, account_id, pipeline_id, stage_id, status, amount, currency, close_date,
					                           owner_id, forecast_category)
					select ?, (select min(id) from accounts), s.pipeline_id, s.id, s.kind, 1000, 'EUR', current_date + 30, ?,
					       'PIPELINE'
					from pipeline_stages s
					where s.id = (select min(st.id) from pipeline_stages st join pipelines p on p.id = st.pipeline_id
					              where p.is_default and st.kind = 'OPEN')
					returning id
					""")
			.params(name, owner)
			.query(Long.class)
			.single();
	}

	private long stage(String kind, boolean defaultPipeline) {
		return jdbc.sql("""
				select min(s.id) from pipeline_stages s join pipelines p on p.id = s.pipeline_id
				where p.is_default = ? and s.kind = ? and s.active
				""").params(defaultPipeline, kind).query(Long.class).single();
	}

	private String row(long id) {
		return id + ":" + column("version", id);
	}

	private String column(String column, long id) {
		return jdbc.sql("select cast(" + column + " as text) from opportunities where id = ?")
			.param(id)
			.query(String.class)
			.optional()
			.orElse(null);
	}

	private BulkOutcome bulk(String user, String action, String... params) throws Exception {
		var post = post("/opportunities/bulk").param("action", action);
		for (int i = 0; i < params.length; i += 2) {
			post = post.param(params[i], params[i + 1]);
		}
		return (BulkOutcome) mvc.perform(post.with(csrf()).with(as(users, user)))
			.andReturn()
			.getFlashMap()
			.get("bulkOutcome");
	}

	@Test
	void theListTicksRowsWithTheirVersionAndOffersTheBulkBarViewsAndExport() throws Exception {
		long deal = deal("Listed " + u, rep);
		String page = mvc.perform(get("/opportunities").param("q", "Listed " + u).with(as(users, "rep")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("value=\"" + row(deal) + "\"")
			.contains("id=\"bulk-form\"")
			.contains("id=\"views-menu\"")
			.contains("/opportunities/export?q=Listed")
			.contains("name=\"reason\"")
			.doesNotContain("value=\"delete\"");
		assertThat(mvc.perform(get("/opportunities").with(as(users, "manager")))
			.andReturn()
			.getResponse()
			.getContentAsString()).contains("value=\"delete\"");
	}

	@Test
	void stageMovesStayInEachDealsPipelineAndALostStageNeedsTheReason() throws Exception {
		long mine = deal("Move " + u, rep);
		long theirs = deal("Theirs " + u, rep2);
		long next = jdbc.sql("""
				select s.id from pipeline_stages s join pipelines p on p.id = s.pipeline_id
				where p.is_default and s.kind = 'OPEN' and s.active and s.id <> ?
				order by s.position, s.id limit 1
				""").param(Long.valueOf(column("stage_id", mine))).query(Long.class).single();
		long lost = stage("LOST", true);

		BulkOutcome moved = bulk("rep", "stage", "newStage", String.valueOf(next), "rows", row(mine), "rows",
				row(theirs));
		assertThat(moved.done()).isEqualTo(1);
		assertThat(moved.skipped()).containsEntry("not found or not yours to change", 1);
		assertThat(column("stage_id", mine)).isEqualTo(String.valueOf(next));

		mvc.perform(post("/opportunities/bulk").param("action", "stage")
			.param("newStage", String.valueOf(lost))
			.param("rows", row(mine))
			.with(csrf())
			.with(as(users, "rep"))).andExpect(flash().attribute("flashError", "bulk.reason.lost"));
		assertThat(column("status", mine)).isEqualTo("OPEN");

		BulkOutcome lostOne = bulk("rep", "stage", "newStage", String.valueOf(lost), "reason", "Went elsewhere", "rows",
				row(mine));
		assertThat(lostOne.done()).isEqualTo(1);
		assertThat(column("status", mine)).isEqualTo("LOST");
		assertThat(column("lost_reason", mine)).isEqualTo("Went elsewhere");

		long otherPipeline = jdbc.sql("insert into pipelines (name) values (?) returning id")
			.param("Other " + u)
			.query(Long.class)
			.single();
		long foreign = jdbc.sql("""
				insert into pipeline_stages (pipeline_id, name, position, probability, kind)
				values (?, 'Elsewhere', 1, 10, 'OPEN') returning id
				""").param(otherPipeline).query(Long.class).single();
		long open = deal("Open " + u, rep);
		BulkOutcome refused = bulk("rep", "stage", "newStage", String.valueOf(foreign), "rows", row(open));
		assertThat(refused.done()).isZero();
		assertThat(refused.skippedCount()).isEqualTo(1);
		assertThat(column("stage_id", open)).isNotEqualTo(String.valueOf(foreign));
	}

	@Test
	void aManagerAssignsAndDeletesButAWonDealStaysAndARepMayNotDelete() throws Exception {
		long deal = deal("Assign " + u, rep);
		BulkOutcome assigned = bulk("manager", "assign", "owner", String.valueOf(rep2), "rows", row(deal));
		assertThat(assigned.done()).isEqualTo(1);
		assertThat(column("owner_id", deal)).isEqualTo(String.valueOf(rep2));

		mvc.perform(post("/opportunities/bulk").param("action", "delete")
			.param("rows", row(deal))
			.with(csrf())
			.with(as(users, "rep2"))).andExpect(flash().attribute("flashError", "bulk.delete.notAllowed"));

		long won = deal("Won " + u, rep);
		jdbc.sql("update opportunities set status = 'WON', stage_id = ? where id = ?")
			.params(stage("WON", true), won)
			.update();
		BulkOutcome deleted = bulk("manager", "delete", "rows", row(deal), "rows", row(won));
		assertThat(deleted.done()).isEqualTo(1);
		assertThat(deleted.skippedCount()).isEqualTo(1);
		assertThat(column("id", deal)).isNull();
		assertThat(column("id", won)).isNotNull();
	}

	@Test
	void theExportHoldsTheFilteredDealsTheUserMaySee() throws Exception {
		deal("Exported " + u, rep);
		deal("Hidden " + u, rep2);
		MvcResult started = mvc.perform(get("/opportunities/export").param("q", u).with(as(users, "rep")))
			.andExpect(request().asyncStarted())
			.andReturn();
		String body = mvc.perform(asyncDispatch(started))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(body.split("\r\n")).hasSize(2);
		assertThat(body).contains("Exported " + u).doesNotContain("Hidden " + u);
	}

	@Test
	void aSavedViewOfTheDealsListKeepsItsFilters() throws Exception {
		mvc.perform(post("/views").param("list", "deals")
			.param("name", "Mine " + u)
			.param("query", "q=" + u + "&status=OPEN")
			.with(csrf())
			.with(as(users, "rep"))).andExpect(status().is3xxRedirection());
		String page = mvc.perform(get("/opportunities").with(as(users, "rep")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("Mine " + u).contains("/opportunities?q=" + u + "&amp;status=OPEN");
	}

}
