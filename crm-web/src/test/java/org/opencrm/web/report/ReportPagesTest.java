package org.opencrm.web.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.opencrm.web.Logins.as;
import static org.opencrm.web.PageStatements.statementsFor;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencrm.core.report.ReportColumn;
import org.opencrm.core.report.ReportRow;
import org.opencrm.core.user.UserService;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The report pages and CSV export over the whole application, on rows of this test's own
 * users (a team with a rep and a manager), so the demo data can't change the figures.
 */
@WebIntegrationTest
class ReportPagesTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	String u;

	long team;

	long rep;

	String repName;

	@BeforeEach
	void givenATeamWithARep() {
		u = unique();
		team = jdbc.sql("insert into teams (name) values (?) returning id")
			.param("Reports " + u)
			.query(Long.class)
			.single();
		repName = "Rep " + u;
		rep = user("rep" + u, repName, "SALES_REP");
		user("mgr" + u, "Manager " + u, "MANAGER");
	}

	@Test
	void theListOffersEachRoleItsReportsAndTheInsightsMenuLinksToIt() throws Exception {
		mvc.perform(get("/reports").with(as(users, "rep")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("href=\"/reports/sales-by-rep-month\"")))
			.andExpect(content().string(containsString("href=\"/reports/customers-by-segment\"")))
			.andExpect(content().string(not(containsString("href=\"/reports/tickets-by-type\""))))
			.andExpect(content().string(not(containsString("href=\"/reports/campaign-funnel\""))));
		mvc.perform(get("/reports").with(as(users, "agent")))
			.andExpect(content().string(containsString("href=\"/reports/tickets-by-type\"")))
			.andExpect(content().string(containsString("href=\"/reports/ticket-details\"")))
			.andExpect(content().string(not(containsString("href=\"/reports/sales-by-rep-month\""))));
		mvc.perform(get("/reports").with(as(users, "marketer")))
			.andExpect(content().string(containsString("href=\"/reports/campaign-funnel\"")));
		mvc.perform(get("/").with(as(users, "manager")))
			.andExpect(content().string(containsString("href=\"/reports\"")));
	}

	@Test
	void anUnknownReportOrOneNotForTheRoleIsNotFound() throws Exception {
		mvc.perform(get("/reports/no-such-report").with(as(users, "admin"))).andExpect(status().isNotFound());
		mvc.perform(get("/reports/no-such-report.csv").with(as(users, "admin"))).andExpect(status().isNotFound());
		mvc.perform(get("/reports/tickets-by-type").with(as(users, "rep"))).andExpect(status().isNotFound());
		mvc.perform(get("/reports/campaign-funnel.csv").with(as(users, "agent"))).andExpect(status().isNotFound());
	}

	@Test
	void theSalesReportShowsTheFiguresAndARepSeesOnlyTheirOwn() throws Exception {
		long other = user("other" + u, "Other " + u, "SALES_REP");
		// March 2020, far from the demo company's deals: the rep won 1 234.50 and 765.50,
		// lost one; another
		// rep of the same team won 4 321.00.
		deal(rep, "WON", "1234.50", "2020-03-05T10:00:00Z");
		deal(rep, "WON", "765.50", "2020-03-06T10:00:00Z");
		deal(rep, "LOST", "999.00", "2020-03-07T10:00:00Z");
		deal(other, "WON", "4321.00", "2020-03-08T10:00:00Z");
		String march = "?from=2020-03-01&to=2020-03-31";

		// The manager of the team sees both reps: the rep's 2 000.00 at 66.7 %, the
		// other's 4 321.00, a total.
		String page = mvc
			.perform(get("/reports/sales-by-rep-month" + march + "&team=" + team).with(as(users, "mgr" + u)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains(repName, "2,000.00", "66.7 %", "4,321.00", "6,321.00", "report-total");
		// In German, the same figures with German marks.
		mvc.perform(get("/reports/sales-by-rep-month" + march + "&team=" + team).locale(Locale.GERMAN)
			.with(as(users, "mgr" + u)))
			.andExpect(content().string(containsString("2.000,00")))
			.andExpect(content().string(containsString("66,7 %")))
			.andExpect(content().string(containsString("6.321,00")))
			.andExpect(content().string(not(containsString("6,321.00"))));

		// The rep: their own line only, whatever the filter asks for.
		mvc.perform(get("/reports/sales-by-rep-month" + march + "&team=" + team).with(as(users, "rep" + u)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("2,000.00")))
			.andExpect(content().string(not(containsString("4,321.00"))))
			.andExpect(content().string(not(containsString("Other " + u))));
	}

	@Test
	void impossibleFiltersGetAMessageOnThePageNotAnErrorPage() throws Exception {
		expectFilterMessage("?from=2030-05-01&to=2030-04-01",
				"The start date 2030-05-01 is after the end date 2030-04-01.");
		expectFilterMessage("?from=2020-01-01&to=2030-01-01", "A report covers at most 5 years");
		expectFilterMessage("?from=yesterday", "“yesterday” is not a date");
		expectFilterMessage("?team=999999999", "There is no team “999999999”.");
		expectFilterMessage("?user=abc", "There is no user “abc”.");
	}

	@Test
	void aBadFilterOnTheCsvExportSendsABrowserBackToTheReportAndGivesAClientAProblem() throws Exception {
		mvc.perform(get("/reports/sales-by-rep-month.csv?from=2030-05-01&to=2030-04-01").with(as(users, "admin")))
			.andExpect(status().isSeeOther())
			.andExpect(redirectedUrl("/reports/sales-by-rep-month?from=2030-05-01&to=2030-04-01"));
		mvc.perform(
				get("/reports/sales-by-rep-month.csv?from=2030-05-01&to=2030-04-01").accept(MediaType.APPLICATION_JSON)
					.with(as(users, "admin")))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("report.filter.fromAfterTo"))
			.andExpect(jsonPath("$.detail").value("The start date 2030-05-01 is after the end date 2030-04-01."));
	}

	@Test
	void theCsvExportQuotesAsRfc4180SaysAndDefusesFormulas() throws Exception {
		long a = account("=HYPERLINK(\"http://evil.example\",\"click\")", "900.00", 55);
		long b = account("Smith, \"Bob\" & Co", "800.00", 60);
		long c = account("Café Ærø\nsecond line", "700.00", 65);
		long d = account("-2+3 Ltd", "600.00", 70);
		long e = account("@SUM(A1) Inc", "500.00", 75);

		MockHttpServletResponse response = csv("/reports/customer-revenue.csv?user=" + rep, "admin");

		assertThat(response.getContentType()).isEqualTo("text/csv;charset=UTF-8");
		assertThat(response.getHeader("Content-Disposition"))
			.isEqualTo("attachment; filename=\"customer-revenue-" + LocalDate.now() + ".csv\"");
		String owner = repName;
		assertThat(response.getContentAsString(StandardCharsets.UTF_8))
			.isEqualTo(String.join("\r\n", "Account id,Account,Owner,Lifecycle stage,Segment,Revenue,Health score",
					a + ",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\"," + owner
							+ ",CUSTOMER,LOYAL,900.00,55",
					b + ",\"Smith, \"\"Bob\"\" & Co\"," + owner + ",CUSTOMER,LOYAL,800.00,60",
					c + ",\"Café Ærø\nsecond line\"," + owner + ",CUSTOMER,LOYAL,700.00,65",
					d + ",'-2+3 Ltd," + owner + ",CUSTOMER,LOYAL,600.00,70",
					e + ",'@SUM(A1) Inc," + owner + ",CUSTOMER,LOYAL,500.00,75", ""));
	}

	/**
	 * Paging replaced "the first 200 rows" (stop 27): a page renders 50 rows, which is
	 * most of a report page's CPU; the CSV export still has every row.
	 */
	@Test
	void thePageShowsFiftyRowsAPageWithLinksToTheNextAndTheCsvHasThemAll() throws Exception {
		bulkAccounts(rep, 205);
		String first = report("/reports/customer-revenue?user=" + rep);
		assertThat(first.split("Bulk " + u, -1)).hasSize(51);
		assertThat(first).contains("Rows 1–50 are shown; the CSV export has them all.")
			.contains("href=\"/reports/customer-revenue?user=" + rep + "&amp;page=2\" rel=\"next\"")
			.doesNotContain("rel=\"prev\"");

		String second = report("/reports/customer-revenue?user=" + rep + "&page=2");
		assertThat(second.split("Bulk " + u, -1)).hasSize(51);
		assertThat(second).contains("Rows 51–100")
			.contains("href=\"/reports/customer-revenue?user=" + rep + "\" rel=\"prev\"")
			.contains("page=3\" rel=\"next\"");
		// No row is on two pages.
		assertThat(rowNames(second)).doesNotContainAnyElementsOf(rowNames(first));

		String last = report("/reports/customer-revenue?user=" + rep + "&page=5");
		assertThat(last.split("Bulk " + u, -1)).hasSize(6);
		assertThat(last).contains("Rows 201–205", "page=4\" rel=\"prev\"").doesNotContain("rel=\"next\"");
		// In German, and a page number typed by hand that is not one shows the first
		// page.
		mvc.perform(
				get("/reports/customer-revenue?user=" + rep + "&page=2").locale(Locale.GERMAN).with(as(users, "admin")))
			.andExpect(content().string(containsString("Die Zeilen 51–100 werden gezeigt")));
		assertThat(report("/reports/customer-revenue?user=" + rep + "&page=zwei")).contains("Rows 1–50");
		assertThat(report("/reports/customer-revenue?user=" + rep + "&page=-3")).contains("Rows 1–50");
		// Past the last page: no rows and no "no rows match" either, a way back.
		assertThat(report("/reports/customer-revenue?user=" + rep + "&page=9")).doesNotContain("Bulk " + u)
			.doesNotContain("No rows match this filter.")
			.contains("rel=\"prev\"");

		assertThat(csv("/reports/customer-revenue.csv?user=" + rep, "admin").getContentAsString(StandardCharsets.UTF_8)
			.split("\r\n")).hasSize(206);
	}

	@Test
	void aPageOfAGroupedReportSkipsTheRowsBeforeItAndKeepsTheTotalsOverAllRows() {
		List<ReportColumn> columns = List.of(ReportColumn.text("name"));
		ReportController.PageRows page = new ReportController.PageRows(columns, 2, 50, true, null);
		for (int i = 1; i <= 120; i++) {
			assertThat(page.accept(ReportRow.of(false, "row " + i))).isTrue();
		}
		assertThat(page.accept(ReportRow.of(true, "all 120"))).isTrue();
		assertThat(page.getRows()).hasSize(50);
		assertThat(page.getRows().get(0).get(0).text()).isEqualTo("row 51");
		assertThat(page.getRows().get(49).get(0).text()).isEqualTo("row 100");
		assertThat(page.getTotals()).singleElement().satisfies(t -> assertThat(t.get(0).text()).isEqualTo("all 120"));
		assertThat(page.isMore()).isTrue();
		assertThat(page.getFirst()).isEqualTo(51);
		assertThat(page.getLast()).isEqualTo(100);

		// Without totals to come, reading stops at the first row past the page.
		ReportController.PageRows plain = new ReportController.PageRows(columns, 1, 50, false, null);
		for (int i = 1; i <= 50; i++) {
			assertThat(plain.accept(ReportRow.of(false, "row " + i))).isTrue();
		}
		assertThat(plain.accept(ReportRow.of(false, "row 51"))).isFalse();
		assertThat(plain.isMore()).isTrue();
	}

	@Test
	void aReportPageReadsTheSameNumberOfStatementsHoweverManyRowsThereAre() throws Exception {
		bulkAccounts(rep, 10);
		String[] pages = { "/reports/customer-revenue?user=" + rep, "/reports/customers-by-segment?user=" + rep,
				"/reports/sales-by-rep-month?user=" + rep, "/reports" };
		int[] before = new int[pages.length];
		for (int i = 0; i < pages.length; i++) {
			before[i] = statementsFor(mvc, users, pages[i], "admin");
			assertThat(before[i]).as(pages[i]).isLessThanOrEqualTo(8);
		}
		bulkAccounts(rep, 300);
		for (int i = 0; i < pages.length; i++) {
			assertThat(statementsFor(mvc, users, pages[i], "admin")).as(pages[i]).isEqualTo(before[i]);
		}
	}

	@Test
	void aUserSavesAViewSeesItListedAndDeletesIt() throws Exception {
		mvc.perform(post("/reports/sales-by-rep-month/views").param("name", "My March " + u)
			.param("from", "2020-03-01")
			.param("to", "2020-03-31")
			.with(csrf())
			.with(as(users, "rep" + u)))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/reports/sales-by-rep-month?from=2020-03-01&to=2020-03-31"));
		String list = mvc.perform(get("/reports").with(as(users, "rep" + u)))
			.andExpect(content().string(containsString("My March " + u)))
			.andExpect(
					content().string(containsString("/reports/sales-by-rep-month?from=2020-03-01&amp;to=2020-03-31")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		// Nobody else sees it, nor can delete it.
		mvc.perform(get("/reports").with(as(users, "rep")))
			.andExpect(content().string(not(containsString("My March " + u))));
		long id = jdbc.sql("select id from saved_reports where name = ?")
			.param("My March " + u)
			.query(Long.class)
			.single();
		assertThat(list).contains("/reports/views/" + id + "/delete");
		mvc.perform(post("/reports/views/" + id + "/delete").with(csrf()).with(as(users, "rep")))
			.andExpect(status().isNotFound());

		mvc.perform(post("/reports/views/" + id + "/delete").with(csrf()).with(as(users, "rep" + u)))
			.andExpect(redirectedUrl("/reports"));
		mvc.perform(get("/reports").with(as(users, "rep" + u)))
			.andExpect(content().string(not(containsString("My March " + u))));
	}

	@Test
	void aViewWithoutANameOrWithABadFilterIsNotSavedAndTheReportSaysWhy() throws Exception {
		MvcResult blank = mvc
			.perform(
					post("/reports/customer-revenue/views").param("name", "  ").with(csrf()).with(as(users, "rep" + u)))
			.andExpect(redirectedUrl("/reports/customer-revenue"))
			.andReturn();
		// Sessions live in PostgreSQL (Spring Session): the flash message travels with
		// the session cookie.
		jakarta.servlet.http.Cookie session = blank.getResponse().getCookie("SESSION");
		assertThat(session).isNotNull();
		mvc.perform(get("/reports/customer-revenue").cookie(session).with(as(users, "rep" + u)))
			.andExpect(content().string(containsString("Give the view a name.")));
		MvcResult bad = mvc
			.perform(post("/reports/customer-revenue/views").param("name", "Broken " + u)
				.param("team", "999999999")
				.with(csrf())
				.with(as(users, "rep" + u)))
			.andReturn();
		assertThat(bad.getFlashMap().get("viewError")).isEqualTo("There is no team “999999999”.");
		assertThat(
				jdbc.sql("select count(*) from saved_reports where user_id = ?").param(rep).query(Long.class).single())
			.isZero();
	}

	private String report(String path) throws Exception {
		return mvc.perform(get(path).with(as(users, "admin")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	private List<String> rowNames(String page) {
		return java.util.regex.Pattern.compile("Bulk " + u + " \\d+")
			.matcher(page)
			.results()
			.map(m -> m.group())
			.toList();
	}

	private void expectFilterMessage(String query, String message) throws Exception {
		mvc.perform(get("/reports/sales-by-rep-month" + query).with(as(users, "admin")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"filter-error\"")))
			.andExpect(content().string(containsString(message)));
	}

	private MockHttpServletResponse csv(String path, String user) throws Exception {
		MvcResult started = mvc.perform(get(path).with(as(users, user)))
			.andExpect(request().asyncStarted())
			.andReturn();
		return mvc.perform(asyncDispatch(started))
			.andExpect(status().isOk())
			.andExpect(header().exists("Content-Disposition"))
			.andReturn()
			.getResponse();
	}

	private long user(String username, String fullName, String role) {
		return jdbc.sql("""
				insert into users (username, full_name, password_hash, role, team_id)
				values (?, ?, '{noop}unused', ?, ?) returning id
				""").params(username, fullName, role, team).query(Long.class).single();
	}

	private long account(String name, String revenue, int score) {
		long id = jdbc
			.sql("insert into accounts (name, lifecycle_stage, owner_id) values (?, 'CUSTOMER', ?) returning id")
			.params(name, rep)
			.query(Long.class)
			.single();
		jdbc.sql("""
				insert into customer_health (account_id, score, band, rfm_segment, monetary, computed_at)
				values (?, ?, 'HEALTHY', 'LOYAL', ?, now())
				""").params(id, score, new BigDecimal(revenue)).update();
		return id;
	}

	private void bulkAccounts(long owner, int n) {
		jdbc.sql("""
				insert into accounts (name, lifecycle_stage, owner_id)
				select 'Bulk ' || ? || ' ' || g, 'CUSTOMER', ? from generate_series(1, ?) g
				""").params(u, owner, n).update();
	}

	private void deal(long owner, String status, String amount, String closedAt) {
		jdbc.sql(
				"""
						insert into opportunities (name, account_id, pipeline_id, stage_id, status, amount, currency, close_date,
						                           owner_id, forecast_category, closed_at, created_at)
						select ?, (select min(id) from accounts), s.pipeline_id, s.id, s.kind, ?, 'EUR', cast(? as timestamptz),
						       ?, 'CLOSED', cast(? as timestamptz), cast(? as timestamptz) - interval '10 days'
						from pipeline_stages s join pipelines p on p.id = s.pipeline_id
						where p.is_default and s.kind = ? order by s.position limit 1
						""")
			.params("Report deal " + u, new BigDecimal(amount), closedAt, owner, closedAt, closedAt, status)
			.update();
	}

	private static String unique() {
		StringBuilder s = new StringBuilder();
		for (int i = 0; i < 8; i++) {
			s.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
		}
		return s.toString();
	}

}
