package org.opencrm.web.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencrm.web.PageStatements.statementsFor;

import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.opencrm.core.user.UserService;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The manager dashboard reads a fixed number of statements, the same with ten times the
 * data.
 */
@WebIntegrationTest
class DashboardStatementCountTest {

	static final int MAX_STATEMENTS = 20;

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	/**
	 * {@code n} of every kind of row the dashboard reads, for the team, in 2019 and this
	 * quarter.
	 */
	private void rows(DashboardTestData data, int n) {
		String owners = "array[" + data.repA + ", " + data.repB + "]";
		jdbc.sql(
				"""
						insert into opportunities (name, account_id, pipeline_id, stage_id, status, amount, currency, close_date,
						  owner_id, forecast_category, closed_at)
						select 'Bulk ' || g, :account, :pipeline,
						       case g % 4 when 0 then :won when 1 then :lost when 2 then :qualify else :propose end,
						       case g % 4 when 0 then 'WON' when 1 then 'LOST' else 'OPEN' end, 100 + g,
						       case when g % 5 = 0 then 'USD' else 'EUR' end, current_date,
						       (%s)[1 + g % 2], case when g % 4 < 2 then 'CLOSED' else 'COMMIT' end,
						       case when g % 4 < 2 then timestamptz '2019-01-01' + g * interval '7 hours' end
						from generate_series(1, :n) g
						"""
					.replace("%s", owners))
			.param("account", data.account)
			.param("pipeline", data.pipeline)
			.param("won", data.wonStage)
			.param("lost", data.lostStage)
			.param("qualify", data.qualify)
			.param("propose", data.propose)
			.param("n", n)
			.update();
		jdbc.sql(
				"""
						insert into tickets (number, subject, type, priority, status, channel, assignee_id, opened_at,
						  first_response_due_at, first_responded_at, resolution_due_at, resolved_at, queue_sort_at)
						select 'B' || :tag || g, 'Bulk ticket ' || g, 'SERVICE_REQUEST', 'NORMAL',
						       case when g % 2 = 0 then 'RESOLVED' else 'OPEN' end, 'EMAIL', :agent,
						       timestamptz '2019-01-01' + g * interval '5 hours', timestamptz '2019-01-01' + g * interval '6 hours',
						       timestamptz '2019-01-01' + g * interval '5 hours 30 minutes',
						       timestamptz '2019-01-01' + g * interval '9 hours',
						       case when g % 2 = 0 then timestamptz '2019-01-01' + g * interval '10 hours' end,
						       timestamptz '2019-01-01' + g * interval '9 hours'
						from generate_series(1, :n) g
						""")
			.param("tag", data.tag.substring(0, 4) + n)
			.param("agent", data.agent)
			.param("n", n)
			.update();
		jdbc.sql("""
				insert into csat_surveys (ticket_id, agent_id, resolved_at, rating, first_rated_at)
				select 900000000000 + :base + g, :agent, timestamptz '2019-01-01' + g * interval '11 hours',
				       case when g % 3 = 0 then null else 1 + g % 5 end,
				       case when g % 3 = 0 then null else timestamptz '2019-01-01' + g * interval '11 hours' end
				from generate_series(1, :n) g
				""")
			.param("base", (long) (Math.random() * 1_000_000_000L))
			.param("agent", data.agent)
			.param("n", n)
			.update();
		long template = jdbc.sql("""
				insert into email_templates (name, subject, html_body, text_body) values (?, 's', 'h', 't') returning id
				""").param("Bulk template " + DashboardTestData.unique()).query(Long.class).single();
		long campaign = data.campaign("Bulk campaign " + DashboardTestData.unique());
		jdbc.sql("""
				insert into email_sends (campaign_id, template_id, email, message_id, status, sent_at, opened_at)
				select :campaign, :template, 'bulk' || g || '@dash.example', '<bulk' || g || :tag || '>', 'SENT',
				       timestamptz '2019-01-01' + g * interval '3 hours',
				       case when g % 2 = 0 then timestamptz '2019-01-01' + g * interval '3 hours' end
				from generate_series(1, :n) g
				""")
			.param("campaign", campaign)
			.param("template", template)
			.param("tag", DashboardTestData.unique())
			.param("n", n)
			.update();
		for (int i = 0; i < Math.max(1, n / 10); i++) {
			data.health(data.account(data.repA), 10 + i % 20, null, "AT_RISK");
		}
	}

	@Test
	void theDashboardReadsTheSameFewStatementsWithTenTimesTheData() throws Exception {
		DashboardTestData data = new DashboardTestData(jdbc, clock.getZone(), 2019).teamAndPipeline();
		rows(data, 10);
		String path = "/dashboard?from=2019-01-01&to=2019-12-31&pipeline=" + data.pipeline;
		String adminPath = path + "&team=" + data.team;
		int manager = statementsFor(mvc, users, path, data.managerName);
		int admin = statementsFor(mvc, users, adminPath, "admin");

		rows(data, 90);

		assertThat(statementsFor(mvc, users, path, data.managerName)).isEqualTo(manager)
			.isLessThanOrEqualTo(MAX_STATEMENTS);
		assertThat(statementsFor(mvc, users, adminPath, "admin")).isEqualTo(admin).isLessThanOrEqualTo(MAX_STATEMENTS);
	}

}
