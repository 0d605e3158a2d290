package org.opencrm.web.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencrm.web.PageStatements.statementsFor;

import org.junit.jupiter.api.Test;
import org.opencrm.core.user.UserService;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The forecast, my-day, partner and quota pages read a fixed number of statements however
 * many deals there are.
 */
@WebIntegrationTest
class SalesInsightStatementCountTest {

	static final int MAX_STATEMENTS = 10;

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	/**
	 * 100 more deals (open this month and won), and as many tasks and cold leads, for
	 * rep, rep2 and manager.
	 */
	private void hundredMoreDeals() {
		var rows = new SalesTestRows(jdbc);
		long[] pipeline = rows.pipeline();
		long account = rows.account();
		String owners = "array(select id from users where username in ('rep', 'rep2', 'manager') order by id)";
		jdbc.sql(
				"""
						insert into opportunities (name, account_id, pipeline_id, stage_id, status, amount, currency, close_date,
						  owner_id, forecast_category, closed_at)
						select 'Bulk ' || g, :account, :pipeline, case when g % 3 = 0 then :won else :open end,
						       case when g % 3 = 0 then 'WON' else 'OPEN' end, 100 + g, 'EUR',
						       date_trunc('month', current_date)::date + (g % 27), (%s)[1 + g % 3],
						       case when g % 3 = 0 then 'CLOSED' else 'COMMIT' end,
						       case when g % 3 = 0 then now() - g * interval '1 hour' end
						from generate_series(1, 100) g
						"""
					.replace("%s", owners))
			.param("account", account)
			.param("pipeline", pipeline[3])
			.param("won", pipeline[1])
			.param("open", pipeline[0])
			.update();
		jdbc.sql("""
				insert into tasks (title, due_at, assignee_id, account_id)
				select 'Bulk task ' || g, now() - g * interval '1 hour', (%s)[1 + g % 3], :account
				from generate_series(1, 100) g
				""".replace("%s", owners)).param("account", account).update();
		jdbc.sql("""
				insert into leads (last_name, company, source, status, owner_id, created_at)
				select 'Bulk' || g, 'Cold Co', 'WEB', 'NEW', (%s)[1 + g % 3], now() - (10 + g) * interval '1 day'
				from generate_series(1, 100) g
				""".replace("%s", owners)).update();
	}

	@Test
	void forecastMyDayPartnersAndQuotasAreBoundedAndDoNotGrowWithDeals() throws Exception {
		int forecastManager = statementsFor(mvc, users, "/forecast", "manager");
		int forecastAdmin = statementsFor(mvc, users, "/forecast", "admin");
		int forecastRep = statementsFor(mvc, users, "/forecast", "rep");
		int myDay = statementsFor(mvc, users, "/my-day", "rep");
		int partners = statementsFor(mvc, users, "/partners", "manager");
		int quotas = statementsFor(mvc, users, "/quotas", "manager");

		hundredMoreDeals();

		assertThat(statementsFor(mvc, users, "/forecast", "manager")).isEqualTo(forecastManager)
			.isLessThanOrEqualTo(MAX_STATEMENTS);
		assertThat(statementsFor(mvc, users, "/forecast", "admin")).isEqualTo(forecastAdmin)
			.isLessThanOrEqualTo(MAX_STATEMENTS);
		assertThat(statementsFor(mvc, users, "/forecast", "rep")).isEqualTo(forecastRep)
			.isLessThanOrEqualTo(MAX_STATEMENTS);
		assertThat(statementsFor(mvc, users, "/my-day", "rep")).isEqualTo(myDay).isLessThanOrEqualTo(MAX_STATEMENTS);
		assertThat(statementsFor(mvc, users, "/partners", "manager")).isEqualTo(partners)
			.isLessThanOrEqualTo(MAX_STATEMENTS);
		assertThat(statementsFor(mvc, users, "/quotas", "manager")).isEqualTo(quotas)
			.isLessThanOrEqualTo(MAX_STATEMENTS);
	}

}
