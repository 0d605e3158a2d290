package org.opencrm.web.lists;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencrm.web.Logins.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencrm.core.user.UserService;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Bulk actions on the accounts and contacts lists: each row goes through its service
 * (version bumped, field history written), rows the user may not see or that changed
 * since the list was shown are skipped and counted, and bad input is refused with a
 * message before any row is touched.
 */
@WebIntegrationTest
class ListBulkActionsTest {

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

	private long account(String name, Long owner) {
		return jdbc.sql("insert into accounts (name, lifecycle_stage, owner_id) values (?, 'LEAD', ?) returning id")
			.params(name, owner)
			.query(Long.class)
			.single();
	}

	private long contact(Long account, String last, Long owner) {
		return jdbc.sql("""
				insert into contacts (account_id, first_name, last_name, lifecycle_stage, owner_id)
				values (?, 'Bulk', ?, 'LEAD', ?) returning id
				""").params(account, last, owner).query(Long.class).single();
	}

	private String row(String table, long id) {
		long version = jdbc.sql("select version from " + table + " where id = ?").param(id).query(Long.class).single();
		return id + ":" + version;
	}

	private Map<String, Object> state(String table, long id) {
		return jdbc
			.sql("select owner_id, lifecycle_stage, array_to_string(tags, ',') as tags, version from " + table
					+ " where id = ?")
			.param(id)
			.query()
			.singleRow();
	}

	private long audits(String type, long id) {
		return jdbc.sql("select count(*) from audit_log where entity_type = ? and entity_id = ? and action = 'UPDATE'")
			.params(type, id)
			.query(Long.class)
			.single();
	}

	private MockHttpServletRequestBuilder bulk(String list, String action, String... rows) {
		return post("/" + list + "/bulk").param("action", action).param("rows", rows).with(csrf());
	}

	@Test
	void addingATagChangesEachVisibleRowThroughItsServiceAndSkipsStaleAndForeignRows() throws Exception {
		long a1 = account("Bulk One " + u, rep);
		long a2 = account("Bulk Two " + u, rep);
		long stale = account("Bulk Stale " + u, rep);
		long foreign = account("Bulk Foreign " + u, rep2);
		String staleRow = row("accounts", stale);
		// Someone else saved the account after the rep's list was shown.
		jdbc.sql("update accounts set industry = 'Changed', version = version + 1 where id = ?").param(stale).update();

		BulkOutcome outcome = (BulkOutcome) mvc
			.perform(bulk("accounts", "addTag", row("accounts", a1), row("accounts", a2), staleRow,
					row("accounts", foreign), "999999999:0")
				.param("tag", " VIP ")
				.param("back", "/accounts?tag=vip")
				.with(as(users, "rep")))
			.andExpect(redirectedUrl("/accounts?tag=vip"))
			.andReturn()
			.getFlashMap()
			.get("bulkOutcome");

		assertThat(outcome.done()).isEqualTo(2);
		assertThat(outcome.skipped()).containsEntry("changed by someone else", 1)
			.containsEntry("not found or not yours to change", 2);
		assertThat(state("accounts", a1)).containsEntry("tags", "vip").containsEntry("version", 1L);
		assertThat(audits("account", a1)).isEqualTo(1);
		assertThat(state("accounts", stale)).containsEntry("tags", "");
		assertThat(state("accounts", foreign)).containsEntry("tags", "").containsEntry("version", 0L);

		// Removing it again: the one without the tag is "already so".
		BulkOutcome removed = (BulkOutcome) mvc
			.perform(bulk("accounts", "removeTag", row("accounts", a1), row("accounts", foreign)).param("tag", "vip")
				.with(as(users, "manager")))
			.andReturn()
			.getFlashMap()
			.get("bulkOutcome");
		assertThat(removed.done()).isEqualTo(1);
		assertThat(removed.skipped()).containsEntry("already so", 1);
		assertThat(state("accounts", a1)).containsEntry("tags", "").containsEntry("version", 2L);
	}

	@Test
	void aRepAssignsOnlyToThemselvesAManagerWithinTheTeam() throws Exception {
		long mine = account("Assign Mine " + u, rep);
		mvc.perform(bulk("accounts", "assign", row("accounts", mine)).param("owner", String.valueOf(rep2))
			.with(as(users, "rep")))
			.andExpect(redirectedUrl("/accounts"))
			.andExpect(flash().attribute("flashError", "customer.owner.notAllowed"));
		assertThat(state("accounts", mine)).containsEntry("owner_id", rep).containsEntry("version", 0L);

		long agent = users.loadUserByUsername("agent").id();
		mvc.perform(bulk("accounts", "assign", row("accounts", mine)).param("owner", String.valueOf(agent))
			.with(as(users, "manager"))).andExpect(flash().attribute("flashError", "customer.owner.notAllowed"));

		long person = contact(mine, "Assignee" + u, rep);
		BulkOutcome outcome = (BulkOutcome) mvc
			.perform(bulk("contacts", "assign", row("contacts", person)).param("owner", String.valueOf(rep2))
				.with(as(users, "manager")))
			.andReturn()
			.getFlashMap()
			.get("bulkOutcome");
		assertThat(outcome.done()).isEqualTo(1);
		assertThat(state("contacts", person)).containsEntry("owner_id", rep2).containsEntry("version", 1L);
		assertThat(audits("contact", person)).isEqualTo(1);
	}

	@Test
	void changingTheStageMovesEachContactAndWritesItsHistory() throws Exception {
		long acct = account("Stage Co " + u, rep);
		long c1 = contact(acct, "StageOne" + u, rep);
		long c2 = contact(acct, "StageTwo" + u, rep);
		BulkOutcome outcome = (BulkOutcome) mvc
			.perform(bulk("contacts", "stage", row("contacts", c1), row("contacts", c2)).param("newStage", "CUSTOMER")
				.with(as(users, "rep")))
			.andReturn()
			.getFlashMap()
			.get("bulkOutcome");
		assertThat(outcome.done()).isEqualTo(2);
		assertThat(state("contacts", c1)).containsEntry("lifecycle_stage", "CUSTOMER");
		assertThat(state("contacts", c2)).containsEntry("lifecycle_stage", "CUSTOMER");
		assertThat(jdbc
			.sql("""
					select count(*) from audit_log
					where entity_type = 'contact' and entity_id in (?, ?) and field = 'lifecycleStage' and new_value = 'CUSTOMER'
					""")
			.params(c1, c2)
			.query(Long.class)
			.single()).isEqualTo(2);
	}

	@Test
	void onlyManagersAndAdminsDeleteAndAnAccountWithContactsIsSkipped() throws Exception {
		long gone = account("Delete Me " + u, rep);
		long held = account("Held " + u, rep);
		contact(held, "Holder" + u, rep);
		mvc.perform(bulk("accounts", "delete", row("accounts", gone)).with(as(users, "rep")))
			.andExpect(flash().attribute("flashError", "bulk.delete.notAllowed"));
		assertThat(jdbc.sql("select count(*) from accounts where id = ?").param(gone).query(Long.class).single())
			.isEqualTo(1);

		BulkOutcome outcome = (BulkOutcome) mvc
			.perform(
					bulk("accounts", "delete", row("accounts", gone), row("accounts", held)).with(as(users, "manager")))
			.andReturn()
			.getFlashMap()
			.get("bulkOutcome");
		assertThat(outcome.done()).isEqualTo(1);
		assertThat(outcome.skippedCount()).isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from accounts where id in (?, ?)")
			.params(gone, held)
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(jdbc
			.sql("select count(*) from audit_log where entity_type = 'account' and entity_id = ? and action = 'DELETE'")
			.param(gone)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void badInputIsRefusedWithAMessageAndChangesNothing() throws Exception {
		long a = account("Bad Input " + u, rep);
		mvc.perform(
				post("/accounts/bulk").param("action", "addTag").param("tag", "x").with(csrf()).with(as(users, "rep")))
			.andExpect(redirectedUrl("/accounts"))
			.andExpect(flash().attribute("flashError", "bulk.none"))
			.andExpect(flash().attribute("ruleError", "Select at least one row."));
		mvc.perform(bulk("accounts", "explode", row("accounts", a)).with(as(users, "rep")))
			.andExpect(flash().attribute("flashError", "bulk.action.unknown"));
		mvc.perform(bulk("accounts", "addTag", row("accounts", a)).param("tag", "  ").with(as(users, "rep")))
			.andExpect(flash().attribute("flashError", "bulk.tag.required"));
		mvc.perform(bulk("accounts", "stage", row("accounts", a)).param("newStage", "NOPE").with(as(users, "rep")))
			.andExpect(flash().attribute("flashError", "bulk.stage.required"));
		mvc.perform(bulk("contacts", "addTag", "12;drop table contacts").param("tag", "x").with(as(users, "rep")))
			.andExpect(redirectedUrl("/contacts"))
			.andExpect(flash().attribute("flashError", "bulk.badRow"));
		List<String> many = new ArrayList<>();
		for (int i = 1; i <= BulkSelection.MAX + 1; i++) {
			many.add(i + ":0");
		}
		mvc.perform(bulk("accounts", "addTag", many.toArray(String[]::new)).param("tag", "x").with(as(users, "admin")))
			.andExpect(flash().attribute("flashError", "bulk.tooMany"))
			.andExpect(flash().attribute("ruleError", "At most 500 rows at once; narrow the list with its filters."));
		// A foreign back address is not followed.
		mvc.perform(bulk("accounts", "addTag", row("accounts", a)).param("tag", "ok")
			.param("back", "//evil.example/accounts")
			.with(as(users, "rep"))).andExpect(redirectedUrl("/accounts"));
		assertThat(state("accounts", a)).containsEntry("tags", "ok");
	}

	@Test
	void allOnThePageWorksWithoutScript() throws Exception {
		long a1 = account("Page One " + u, rep);
		long a2 = account("Page Two " + u, rep);
		BulkOutcome outcome = (BulkOutcome) mvc
			.perform(post("/accounts/bulk").param("action", "addTag")
				.param("tag", "paged")
				.param("allOnPage", "true")
				.param("pageRows", row("accounts", a1), row("accounts", a2))
				.with(csrf())
				.with(as(users, "rep")))
			.andReturn()
			.getFlashMap()
			.get("bulkOutcome");
		assertThat(outcome.done()).isEqualTo(2);
	}

	@Test
	void theListOffersRowBoxesAndOnlyTheOwnersTheUserMayAssign() throws Exception {
		long a = account("Offered " + u, rep);
		String html = mvc.perform(get("/accounts").param("q", "Offered " + u).with(as(users, "rep")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(html).contains("value=\"" + row("accounts", a) + "\"").contains("name=\"allOnPage\"");
		String bar = html.substring(html.indexOf("bulk-bar"), html.indexOf("name=\"tag\"", html.indexOf("bulk-bar")));
		assertThat(bar).contains("<option value=\"" + rep + "\"").doesNotContain("<option value=\"" + rep2 + "\"");
		// Reps don't delete: the action isn't offered.
		assertThat(html).doesNotContain("value=\"delete\"");
	}

}
