package org.opencrm.web.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencrm.web.Logins.as;
import static org.opencrm.web.PageStatements.statementsFor;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;

import org.junit.jupiter.api.Test;
import org.opencrm.core.user.UserService;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The board and the sales lists read a fixed number of statements, however many deals and
 * leads there are.
 */
@WebIntegrationTest
class SalesStatementCountTest {

	/**
	 * The deal and lead pages' budget: 12, 13 since they show their field history (issue
	 * 16), 14 since the navbar's notification bell reads its unread count (one
	 * statement), 15 since the deal page's "Automation" section reads the deal's latest
	 * workflow runs (one statement, issue 11 item 4).
	 */
	static final int MAX = 15;

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	private void addDeals(int n) {
		long rep = users.loadUserByUsername("rep").id();
		jdbc.sql(
				"""
						insert into opportunities (name, account_id, pipeline_id, stage_id, status, amount, currency, close_date,
						                           owner_id, forecast_category)
						select 'More ' || g, (select min(id) from accounts), s.pipeline_id, s.id, s.kind, 1000, 'EUR',
						       current_date + (g % 90), ?, 'PIPELINE'
						from generate_series(1, ?) g
						join pipeline_stages s on s.id = (select min(st.id) from pipeline_stages st join pipelines p on p.id = st.pipeline_id
						                                  where p.is_default and st.kind = 'OPEN') + (g % 3)
						""")
			.params(rep, n)
			.update();
		jdbc.sql(
				"""
						insert into leads (last_name, source, status, owner_id) select 'More' || g, 'manual', 'NEW', ? from generate_series(1, ?) g
						""")
			.params(rep, n)
			.update();
	}

	@Test
	void theBoardAndListsDontGrowWithTheData() throws Exception {
		String[] pages = { "/opportunities/board", "/opportunities", "/opportunities?status=OPEN", "/leads",
				"/leads?status=NEW" };
		for (String user : new String[] { "rep", "manager" }) {
			int[] before = new int[pages.length];
			for (int i = 0; i < pages.length; i++) {
				before[i] = statementsFor(mvc, users, pages[i], user);
				assertThat(before[i]).as(pages[i]).isLessThanOrEqualTo(MAX);
			}
			addDeals(100);
			for (int i = 0; i < pages.length; i++) {
				assertThat(statementsFor(mvc, users, pages[i], user)).as(pages[i]).isEqualTo(before[i]);
			}
		}
	}

	@Test
	void theDealAndLeadPagesAreBounded() throws Exception {
		long deal = jdbc.sql("select min(id) from opportunities where owner_id = ?")
			.param(users.loadUserByUsername("rep").id())
			.query(Long.class)
			.single();
		long lead = jdbc.sql("select min(id) from leads where owner_id = ?")
			.param(users.loadUserByUsername("rep").id())
			.query(Long.class)
			.single();
		int dealPage = statementsFor(mvc, users, "/opportunities/" + deal, "rep");
		assertThat(dealPage).isLessThanOrEqualTo(MAX);
		assertThat(statementsFor(mvc, users, "/leads/" + lead, "rep")).isLessThanOrEqualTo(MAX);
		// The deal page shows its customer's follow-ups and timeline: more of them costs
		// nothing more.
		long account = jdbc.sql("select account_id from opportunities where id = ?")
			.param(deal)
			.query(Long.class)
			.single();
		jdbc.sql("""
				insert into interactions (account_id, kind, subject, occurred_at, source_module)
				select ?, 'NOTE', 'Note ' || g, now() - g * interval '1 hour', 'core' from generate_series(1, 200) g
				""").param(account).update();
		assertThat(statementsFor(mvc, users, "/opportunities/" + deal, "rep")).isEqualTo(dealPage);
		mvc.perform(get("/opportunities/" + deal).with(as(users, "rep")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"tasks\"")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"timeline\"")));
	}

}
