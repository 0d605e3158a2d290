package org.opencrm.web.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencrm.web.PageStatements.statementsFor;

import org.junit.jupiter.api.Test;
import org.opencrm.core.user.UserService;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Pages read a fixed number of SQL statements whatever the data size: the same page over
 * a small and a ten times larger customer must cost the same, and stay under a small
 * bound.
 */
@WebIntegrationTest
class PageStatementCountTest {

	static final int MAX_STATEMENTS_PER_PAGE = 15;

	/**
	 * The account and contact pages are the single-customer dashboard: core's parts plus
	 * one summary façade per module, all in the one request (they used to load the
	 * modules' blocks by htmx afterwards). Still a fixed number;
	 * DashboardStatementCountTest holds it at 10,000 entries.
	 */
	static final int MAX_STATEMENTS_DASHBOARD = 30;

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	/**
	 * An account with {@code size} contacts, each with {@code size} timeline entries and
	 * a task.
	 */
	private long customerOfSize(String name, int size) {
		long account = jdbc.sql("insert into accounts (name, lifecycle_stage) values (?, 'CUSTOMER') returning id")
			.param(name)
			.query(Long.class)
			.single();
		long rep = users.loadUserByUsername("rep").id();
		jdbc.sql("""
				insert into contacts (account_id, first_name, last_name, lifecycle_stage, owner_id)
				select ?, 'C' || g, 'Size' || g, 'CUSTOMER', ? from generate_series(1, ?) g
				""").params(account, rep, size).update();
		jdbc.sql("""
				insert into interactions (kind, occurred_at, account_id, contact_id, subject, source_module, author_id)
				select 'CALL', now() - (g || ' minutes')::interval, c.account_id, c.id, 'Call ' || g, 'core', ?
				from contacts c cross join generate_series(1, ?) g where c.account_id = ?
				""").params(rep, size, account).update();
		jdbc.sql(
				"""
						insert into tasks (title, due_at, assignee_id, account_id, contact_id)
						select 'Follow up ' || c.id, now() + interval '1 day', ?, c.account_id, c.id from contacts c where c.account_id = ?
						""")
			.params(rep, account)
			.update();
		return account;
	}

	@Test
	void theAccountPageCostsTheSameForTenAndForAHundredContacts() throws Exception {
		long small = customerOfSize("Small Count Co", 10);
		long large = customerOfSize("Large Count Co", 100);
		int smallCount = statementsFor(mvc, users, "/accounts/" + small, "rep");
		int largeCount = statementsFor(mvc, users, "/accounts/" + large, "rep");
		assertThat(largeCount).isEqualTo(smallCount).isLessThanOrEqualTo(MAX_STATEMENTS_DASHBOARD);
	}

	@Test
	void theContactPageAndTimelinePagesAreBounded() throws Exception {
		long small = customerOfSize("Small Contact Co", 5);
		long large = customerOfSize("Large Contact Co", 60);
		long smallContact = jdbc.sql("select min(id) from contacts where account_id = ?")
			.param(small)
			.query(Long.class)
			.single();
		long largeContact = jdbc.sql("select min(id) from contacts where account_id = ?")
			.param(large)
			.query(Long.class)
			.single();
		assertThat(statementsFor(mvc, users, "/contacts/" + largeContact, "rep"))
			.isEqualTo(statementsFor(mvc, users, "/contacts/" + smallContact, "rep"))
			.isLessThanOrEqualTo(MAX_STATEMENTS_DASHBOARD);
		assertThat(statementsFor(mvc, users, "/accounts/" + large + "/timeline", "rep")).isLessThanOrEqualTo(5);
	}

	@Test
	void listAndTaskPagesAreBoundedWhateverTheTableSize() throws Exception {
		int before = statementsFor(mvc, users, "/contacts", "rep");
		customerOfSize("Growth Co", 80);
		assertThat(statementsFor(mvc, users, "/contacts", "rep")).isEqualTo(before)
			.isLessThanOrEqualTo(MAX_STATEMENTS_PER_PAGE);
		assertThat(statementsFor(mvc, users, "/accounts?sort=NEWEST", "rep"))
			.isLessThanOrEqualTo(MAX_STATEMENTS_PER_PAGE);
		int tasks = statementsFor(mvc, users, "/tasks", "rep");
		customerOfSize("More Tasks Co", 30);
		assertThat(statementsFor(mvc, users, "/tasks", "rep")).isEqualTo(tasks)
			.isLessThanOrEqualTo(MAX_STATEMENTS_PER_PAGE);
		assertThat(statementsFor(mvc, users, "/", "rep")).isLessThanOrEqualTo(MAX_STATEMENTS_PER_PAGE);
	}

}
