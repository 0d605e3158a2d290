package org.opencrm.web.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencrm.web.Logins.as;
import static org.opencrm.web.PageStatements.statementsFor;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.opencrm.core.user.UserService;
import org.opencrm.test.SqlStatementCounter;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The hot pages of the load benchmark (bench/load/run.sh) that no other test counted: the
 * pipeline board, a segment's live count and the agent's "next ticket" read the same
 * number of statements before and after their tables grow.
 */
@WebIntegrationTest
class HotPageStatementCountTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theBoardCostsTheSameWhateverTheNumberOfDeals() throws Exception {
		int rep = statementsFor(mvc, users, "/opportunities/board", "rep");
		int manager = statementsFor(mvc, users, "/opportunities/board", "manager");
		long owner = users.loadUserByUsername("rep").id();
		jdbc.sql(
				"""
						insert into opportunities (name, account_id, pipeline_id, stage_id, status, amount, currency, close_date,
						                           owner_id, forecast_category)
						select 'Hot page deal ' || g, (select min(id) from accounts where owner_id = ?), s.pipeline_id, s.id,
						       s.kind, 500 + g, 'EUR', current_date + (g % 60), ?, 'PIPELINE'
						from pipeline_stages s join pipelines p on p.id = s.pipeline_id and p.is_default
						cross join generate_series(1, 40) g
						where s.active
						""")
			.params(owner, owner)
			.update();
		assertThat(statementsFor(mvc, users, "/opportunities/board", "rep")).isEqualTo(rep).isLessThanOrEqualTo(10);
		assertThat(statementsFor(mvc, users, "/opportunities/board", "manager")).isEqualTo(manager)
			.isLessThanOrEqualTo(10);
	}

	@Test
	void aSegmentCountCostsTheSameWhateverTheNumberOfContacts() throws Exception {
		long segment = jdbc.sql("select min(id) from segments where kind = 'DYNAMIC'").query(Long.class).single();
		String page = "/marketing/segments/" + segment + "/count";
		int before = statementsFor(mvc, users, page, "marketer");
		jdbc.sql("""
				insert into contacts (first_name, last_name, email, lifecycle_stage, country, consent_email)
				select 'Count', 'Person ' || g, 'count' || g || '@hot-page.example', 'CUSTOMER', 'Germany', true
				from generate_series(1, 200) g
				""").update();
		assertThat(statementsFor(mvc, users, page, "marketer")).isEqualTo(before).isLessThanOrEqualTo(6);
	}

	@Test
	void takingTheNextTicketCostsTheSameWhateverTheQueueLength() throws Exception {
		int before = nextTicket();
		jdbc.sql("""
				insert into tickets (number, subject, type, priority, status, channel, opened_at, queue_sort_at)
				select 'HOT-' || g, 'Hot page ticket ' || g, 'INCIDENT', 'NORMAL', 'NEW', 'EMAIL', now(),
				       now() + make_interval(mins => g)
				from generate_series(1, 100) g
				""").update();
		assertThat(nextTicket()).isEqualTo(before).isLessThanOrEqualTo(15);
	}

	private int nextTicket() throws Exception {
		SqlStatementCounter.reset();
		mvc.perform(post("/service/queue/next").with(as(users, "agent")).with(csrf()))
			.andExpect(status().is3xxRedirection());
		return SqlStatementCounter.count();
	}

}
