package org.opencrm.web.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencrm.web.Logins.as;
import static org.opencrm.web.PageStatements.statementsFor;

import org.junit.jupiter.api.Test;
import org.opencrm.core.user.UserService;
import org.opencrm.marketing.segment.SegmentQuery;
import org.opencrm.test.SqlStatementCounter;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The dashboard reads the same number of statements for a customer with 10,000 timeline
 * entries, 200 deals and 500 tickets as for a brand-new one: the count doesn't grow with
 * the data.
 */
@WebIntegrationTest
class DashboardStatementCountTest {

	/**
	 * What the whole page may cost: security and session, core's parts and the three
	 * modules' summaries.
	 */
	static final int MAX = 30;

	/**
	 * What a rep's account and contact pages cost here now (the interceptor's access
	 * check and three of the modules' statements merged away): they must not rise.
	 */
	static final int ACCOUNT_PAGE = 23;

	static final int CONTACT_PAGE = 27;

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SegmentQuery segments;

	@Test
	void aHeavyAccountsDashboardCostsAsManyStatementsAsATinyOnes() throws Exception {
		DashboardRows rows = new DashboardRows(jdbc, users);
		String u = DashboardRows.unique();
		long rep = rows.user("rep");
		long tiny = rows.account("Tiny " + u, rep);
		long tinyContact = rows.contact(tiny, "Tim", "Tiny" + u, null, null, rep, null);
		long heavy = rows.account("Heavy " + u, rep);
		long heavyContact = rows.contact(heavy, "Hal", "Heavy" + u, null, null, rep, null);
		rows.heavyHistory(heavy, heavyContact, 10_000, 200, 500, rep);
		assertThat(jdbc.sql("select count(*) from interactions where account_id = ?")
			.param(heavy)
			.query(Long.class)
			.single()).isEqualTo(10_000);

		for (String user : new String[] { "rep", "admin" }) {
			int tinyAccount = statementsFor(mvc, users, "/accounts/" + tiny, user);
			assertThat(tinyAccount).isLessThanOrEqualTo(MAX);
			assertThat(statementsFor(mvc, users, "/accounts/" + heavy, user)).as("account dashboard, " + user)
				.isEqualTo(tinyAccount);

			int tinyPerson = statementsFor(mvc, users, "/contacts/" + tinyContact, user);
			assertThat(tinyPerson).isLessThanOrEqualTo(MAX);
			assertThat(statementsFor(mvc, users, "/contacts/" + heavyContact, user)).as("contact dashboard, " + user)
				.isEqualTo(tinyPerson);

			assertThat(statementsFor(mvc, users, "/accounts/" + heavy + "/timeline", user))
				.isEqualTo(statementsFor(mvc, users, "/accounts/" + tiny + "/timeline", user));
		}
	}

	/**
	 * A rep's dashboard checks access in its first read (the profile's query), not in a
	 * statement of its own before the page (CustomerAccessInterceptor): a rep's page
	 * costs what an admin's does, who sees everyone. Another rep's customer is still "not
	 * found" (CustomerAccessTest).
	 */
	@Test
	void aRepsDashboardChecksAccessInItsFirstReadNotInAStatementOfItsOwn() throws Exception {
		DashboardRows rows = new DashboardRows(jdbc, users);
		String u = DashboardRows.unique();
		long rep = rows.user("rep");
		long account = rows.account("Checked " + u, rep);
		long contact = rows.contact(account, "Cora", "Checked" + u, null, null, rep, null);
		for (String path : new String[] { "/accounts/" + account, "/contacts/" + contact }) {
			int asRep = statementsFor(mvc, users, path, "rep");
			assertThat(asRep).as(path).isEqualTo(statementsFor(mvc, users, path, "admin"));
			assertThat(asRep).as(path).isLessThanOrEqualTo(path.startsWith("/accounts/") ? ACCOUNT_PAGE : CONTACT_PAGE);
		}
	}

	@Test
	void theCustomerPageReadsEveryModuleInOneTransaction() throws Exception {
		DashboardRows rows = new DashboardRows(jdbc, users);
		String u = DashboardRows.unique();
		long rep = rows.user("rep");
		long account = rows.account("Once " + u, rep);
		long contact = rows.contact(account, "Olga", "Once" + u, null, null, rep, null);
		for (String path : new String[] { "/accounts/" + account, "/contacts/" + contact }) {
			statementsFor(mvc, users, path, "rep");
			// The page's reads from core, sales, service and marketing (13 transactions
			// of
			// their own before), the session, the signed-in user and the notification
			// bell.
			assertThat(SqlStatementCounter.commits()).as(path).isLessThanOrEqualTo(4);
		}
	}

	@Test
	void aContactsSegmentsAreEvaluatedInTwoStatementsWhateverTheNumberOfSegments() {
		DashboardRows rows = new DashboardRows(jdbc, users);
		String u = DashboardRows.unique();
		long contact = rows.contact(null, "Sid", "Segmented" + u, null, null, null, "seg-" + u);
		SqlStatementCounter.reset();
		segments.segmentsOf(contact);
		int before = SqlStatementCounter.count();
		for (int i = 0; i < 30; i++) {
			jdbc.sql("insert into segments (name, kind, definition) values (?, 'DYNAMIC', cast(? as jsonb))")
				.params("Many " + i + " " + u,
						"{\"op\": \"AND\", \"items\": [{\"field\": \"tags\", \"operator\": \"any\", \"values\": [\""
								+ (i % 2 == 0 ? "seg-" : "other-") + u + "\"]}]}")
				.update();
		}
		SqlStatementCounter.reset();
		var found = segments.segmentsOf(contact);
		// The segments, then one statement for every dynamic definition at once.
		assertThat(SqlStatementCounter.count()).isEqualTo(before).isEqualTo(2);
		assertThat(found).extracting(SegmentQuery.Membership::name).filteredOn(n -> n.endsWith(u)).hasSize(15);
	}

}
