package org.opencrm.web.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.opencrm.web.Logins.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencrm.core.user.UserService;
import org.opencrm.sales.shared.Period;
import org.opencrm.sales.shared.PeriodType;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Every figure of the manager dashboard against values computed by hand on a fixed data
 * set of its own (a new team; the year 2021, which no demo data reaches), who may read
 * it, bad date ranges, and that each chart's links open the lists of exactly the records
 * behind the figure.
 */
@WebIntegrationTest
class DashboardPagesTest {

	static final String YEAR_2021 = "from=2021-01-01&to=2021-12-31";

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	DashboardTestData data;

	LocalDate today;

	@BeforeEach
	void fixedDataSet() {
		today = LocalDate.now(clock);
		data = new DashboardTestData(jdbc, clock.getZone(), 2021).teamAndPipeline();
		long otherRep = jdbc.sql("select id from users where username = 'rep'").query(Long.class).single();
		long otherAgent = jdbc.sql("select id from users where username = 'agent'").query(Long.class).single();

		// Open pipeline (close date today, so this quarter's forecast counts them too).
		data.openDeal("Q-A", data.qualify, data.repA, "1000", "EUR", today);
		data.openDeal("P-A", data.propose, data.repA, "2000", "EUR", today);
		data.openDeal("P-B", data.propose, data.repB, "3000", "EUR", today);
		data.openDeal("P-B-usd", data.propose, data.repB, "500", "USD", today);
		data.openDeal("P-other-team", data.propose, otherRep, "9999", "EUR", today);
		// Won this quarter, and repA's quota for it.
		data.deal("Won-now", data.wonStage, "WON", "CLOSED", data.repA, "2500", "EUR", today,
				java.sql.Timestamp.from(clock.instant().minusSeconds(60)));
		data.quota(data.repA, Period.containing(PeriodType.QUARTER, today).start(), "10000");

		// Won and lost in 2021 (by closed_at, in the app's zone).
		data.closedDeal("Jan-won-1", true, data.repA, "100", data.at(1, 10, 12, 0));
		data.closedDeal("Jan-won-2", true, data.repB, "100", data.at(1, 20, 12, 0));
		data.closedDeal("Jan-lost", false, data.repA, "100", data.at(1, 25, 12, 0));
		data.closedDeal("Mar-lost-1", false, data.repB, "100", data.at(3, 5, 12, 0));
		data.closedDeal("Mar-lost-2", false, data.repB, "100", data.at(3, 31, 23, 30));
		data.closedDeal("Apr-won", true, data.repB, "100", data.at(4, 1, 0, 30));
		data.closedDeal("Other-team-won", true, otherRep, "100", data.at(1, 15, 12, 0));
		data.deal("Dec-2020-lost", data.lostStage, "LOST", "CLOSED", data.repA, "100", "EUR",
				LocalDate.of(2020, 12, 31),
				java.sql.Timestamp.from(data.at(1, 1, 0, 0).toInstant().minusSeconds(3600)));

		// Tickets of the team's agent (and one of another agent).
		data.ticket("t1", data.agent, "RESOLVED", data.at(1, 5, 10, 0), data.at(1, 5, 12, 0), data.at(1, 5, 11, 0),
				data.at(1, 7, 12, 0), data.at(1, 6, 12, 0), null);
		data.ticket("t2", data.agent, "RESOLVED", data.at(1, 20, 10, 0), data.at(1, 20, 12, 0), data.at(1, 21, 9, 0),
				data.at(1, 25, 12, 0), data.at(2, 10, 12, 0), null);
		data.ticket("t3", data.agent, "OPEN", data.at(2, 15, 10, 0), data.at(2, 15, 12, 0), null, data.at(2, 20, 12, 0),
				null, null);
		data.ticket("t4", data.agent, "CLOSED", data.at(3, 1, 10, 0), null, null, null, null, data.at(3, 2, 10, 0));
		data.ticket("t5", data.agent, "RESOLVED", java.sql.Timestamp.valueOf("2020-12-20 10:00:00"), null, null, null,
				data.at(2, 3, 10, 0), null);
		data.ticket("t-other", otherAgent, "OPEN", data.at(1, 6, 10, 0), data.at(1, 6, 12, 0), null, null, null, null);
		// Another agent's ticket about a customer the team owns is the team's too.
		data.ticket("t-customer", otherAgent, data.account, "OPEN", data.at(3, 10, 10, 0), null, null, null, null,
				null);

		// CSAT of the team's agent (and one of another agent).
		data.survey(data.agent, data.at(1, 6, 12, 0), 5);
		data.survey(data.agent, data.at(1, 20, 12, 0), 3);
		data.survey(data.agent, data.at(1, 28, 12, 0), null);
		data.survey(data.agent, data.at(3, 10, 12, 0), 4);
		data.survey(otherAgent, data.at(3, 10, 12, 0), 1);
		data.survey(otherAgent, data.account, data.at(3, 15, 12, 0), 2);

		// Campaigns: sends in 2021 (one failed, one in 2020) and attributed deals in two
		// currencies.
		data.campaign1 = data.campaign("Spring mailing");
		data.campaign2 = data.campaign("Summer mailing");
		data.send(data.campaign1, "SENT", data.at(2, 1, 9, 0), true, true);
		data.send(data.campaign1, "SENT", data.at(2, 1, 9, 0), true, false);
		data.send(data.campaign1, "SENT", data.at(2, 1, 9, 0), false, false);
		data.send(data.campaign1, "SENT", data.at(2, 1, 9, 0), false, false);
		data.send(data.campaign1, "FAILED", null, false, false);
		data.send(data.campaign1, "SENT", java.sql.Timestamp.valueOf("2020-12-01 09:00:00"), true, true);
		data.send(data.campaign2, "SENT", data.at(6, 1, 9, 0), false, false);
		data.send(data.campaign2, "SENT", data.at(6, 1, 9, 0), false, false);
		data.attribution("1000", "EUR", LocalDate.of(2021, 3, 1), data.campaign1, data.campaign2);
		data.attribution("500", "EUR", LocalDate.of(2021, 4, 1), data.campaign1, data.campaign1);
		data.attribution("700", "USD", LocalDate.of(2021, 5, 1), data.campaign2, data.campaign2);
		data.attribution("300", "EUR", LocalDate.of(2022, 1, 5), data.campaign2, data.campaign2);
	}

	private DashboardView dashboard(String username, String query) throws Exception {
		return (DashboardView) mvc.perform(get("/dashboard?" + query).with(as(users, username)))
			.andExpect(status().isOk())
			.andReturn()
			.getModelAndView()
			.getModel()
			.get("dashboard");
	}

	private String team() {
		return "&team=" + data.team + "&pipeline=" + data.pipeline;
	}

	@Test
	void pipelineByStageCountsTheTeamsOpenDealsPerStageAndCurrencyWithWeightedAmounts() throws Exception {
		DashboardView d = dashboard("admin", YEAR_2021 + team());

		assertThat(d.pipeline())
			.extracting(s -> s.stageName(), s -> s.currency(), s -> s.deals(), s -> s.amount(), s -> s.weighted())
			.containsExactly(tuple("Qualify", "EUR", 1L, new BigDecimal("1000.00"), new BigDecimal("200.00")),
					tuple("Propose", "EUR", 2L, new BigDecimal("5000.00"), new BigDecimal("2500.00")),
					tuple("Propose", "USD", 1L, new BigDecimal("500.00"), new BigDecimal("250.00")));
		assertThat(d.pipeline().get(1).href()).isEqualTo("/opportunities?pipeline=" + data.pipeline + "&stage="
				+ data.propose + "&status=OPEN&team=" + data.team);
	}

	@Test
	void forecastVsQuotaShowsEachRepsWonWeightedAndQuotaForThisQuarter() throws Exception {
		DashboardView d = dashboard("admin", YEAR_2021 + team());

		String quarter = Period.containing(PeriodType.QUARTER, today).key();
		assertThat(d.forecast().period()).isEqualTo(quarter);
		assertThat(d.forecast().reps())
			.extracting(r -> r.userId(), r -> r.currency(), r -> r.won(), r -> r.weighted(), r -> r.quota(),
					r -> r.attainmentPercent())
			.containsExactlyInAnyOrder(
					tuple(data.repA, "EUR", new BigDecimal("2500.00"), new BigDecimal("1200.00"),
							new BigDecimal("10000.00"), new BigDecimal("25.0")),
					tuple(data.repB, "EUR", new BigDecimal("0"), new BigDecimal("1500.00"), null, null),
					tuple(data.repB, "USD", new BigDecimal("0"), new BigDecimal("250.00"), null, null));
		var repA = d.forecast().reps().stream().filter(r -> r.userId() == data.repA).findFirst().orElseThrow();
		assertThat(repA.forecastHref()).isEqualTo("/forecast?period=" + quarter + "&rep=" + data.repA);
		assertThat(repA.dealsHref()).isEqualTo("/opportunities?owner=" + data.repA + "&status=OPEN");
	}

	@Test
	void winRateTrendCountsWonAndLostByTheMonthTheyClosed() throws Exception {
		DashboardView d = dashboard("admin", YEAR_2021 + team());

		assertThat(d.winRate()).hasSize(12);
		assertThat(d.winRate().subList(0, 4))
			.extracting(m -> m.month(), m -> m.won(), m -> m.lost(), m -> m.winRatePercent())
			.containsExactly(tuple("2021-01", 2L, 1L, new BigDecimal("66.7")), tuple("2021-02", 0L, 0L, null),
					tuple("2021-03", 0L, 2L, new BigDecimal("0.0")), tuple("2021-04", 1L, 0L, new BigDecimal("100.0")));
		assertThat(d.winRate().get(0).wonHref())
			.isEqualTo("/opportunities?status=WON&closedFrom=2021-01-01&closedTo=2021-01-31&team=" + data.team);
	}

	@Test
	void backlogAndSlaComplianceFollowTheTeamsTicketsPerMonth() throws Exception {
		DashboardView d = dashboard("admin", YEAR_2021 + team());

		assertThat(d.filters().granularity()).isEqualTo("MONTH");
		assertThat(d.service()).hasSize(12);
		assertThat(d.service().subList(0, 4))
			.extracting(p -> p.from(), p -> p.to(), p -> p.openAtEnd(), p -> p.firstResponseJudged(),
					p -> p.firstResponseMet(), p -> p.firstResponsePercent(), p -> p.resolutionJudged(),
					p -> p.resolutionMet(), p -> p.resolutionPercent())
			.containsExactly(
					tuple(LocalDate.of(2021, 1, 1), LocalDate.of(2021, 1, 31), 2L, 2L, 1L, new BigDecimal("50.0"), 2L,
							1L, new BigDecimal("50.0")),
					tuple(LocalDate.of(2021, 2, 1), LocalDate.of(2021, 2, 28), 1L, 1L, 0L, new BigDecimal("0.0"), 1L,
							0L, new BigDecimal("0.0")),
					tuple(LocalDate.of(2021, 3, 1), LocalDate.of(2021, 3, 31), 2L, 0L, 0L, null, 0L, 0L, null),
					tuple(LocalDate.of(2021, 4, 1), LocalDate.of(2021, 4, 30), 2L, 0L, 0L, null, 0L, 0L, null));
		assertThat(d.service().get(11).openAtEnd()).isEqualTo(2);
	}

	@Test
	void aShortRangeGivesTheBacklogPerDayClippedToTheRange() throws Exception {
		DashboardView d = dashboard("admin", "from=2021-01-19&to=2021-01-21" + team());

		assertThat(d.filters().granularity()).isEqualTo("DAY");
		// t2 opens on the 20th; t5 (opened in 2020) is open throughout.
		assertThat(d.service()).extracting(p -> p.from(), p -> p.openAtEnd())
			.containsExactly(tuple(LocalDate.of(2021, 1, 19), 1L), tuple(LocalDate.of(2021, 1, 20), 2L),
					tuple(LocalDate.of(2021, 1, 21), 2L));
		assertThat(d.winRate()).extracting(m -> m.month(), m -> m.won()).containsExactly(tuple("2021-01", 1L)); // only
																												// Jan-won-2
																												// closed
																												// on
																												// the
																												// 19th–21st
	}

	@Test
	void csatTrendAveragesTheTeamsAnswersPerMonth() throws Exception {
		DashboardView d = dashboard("admin", YEAR_2021 + team());

		assertThat(d.csat().subList(0, 3))
			.extracting(c -> c.month(), c -> c.surveys(), c -> c.responses(), c -> c.average())
			.containsExactly(tuple("2021-01", 3L, 2L, new BigDecimal("4.00")), tuple("2021-02", 0L, 0L, null),
					tuple("2021-03", 2L, 2L, new BigDecimal("3.00")));
		assertThat(d.csat().get(0).href()).isEqualTo("/service/csat?from=2021-01&to=2021-01");
	}

	@Test
	void campaignPerformanceCountsSendsInTheRangeAndRevenueInOneCurrency() throws Exception {
		DashboardView d = dashboard("admin", YEAR_2021 + team());

		assertThat(d.campaigns().currency()).isEqualTo("EUR");
		assertThat(d.campaigns().campaigns())
			.filteredOn(c -> c.campaignId() == data.campaign1 || c.campaignId() == data.campaign2)
			.extracting(c -> c.name(), c -> c.sent(), c -> c.opened(), c -> c.clicked(), c -> c.firstTouchRevenue(),
					c -> c.lastTouchRevenue(), c -> c.otherCurrencyDeals(), c -> c.href())
			.containsExactly(
					tuple(data.name("Spring mailing"), 4L, 2L, 1L, new BigDecimal("1500.00"), new BigDecimal("500.00"),
							0L, "/marketing/campaigns/" + data.campaign1),
					tuple(data.name("Summer mailing"), 2L, 0L, 0L, new BigDecimal("0"), new BigDecimal("1000.00"), 1L,
							"/marketing/campaigns/" + data.campaign2));
	}

	@Test
	void atRiskCustomersAreTheTeamsLowestScoresFirst() throws Exception {
		long low = data.account(data.repA);
		long higher = data.account(data.repB);
		long healthy = data.account(data.repA);
		data.health(higher, 35, null, "AT_RISK");
		data.health(low, 20, 30, "AT_RISK");
		data.health(healthy, 90, null, "HEALTHY");

		DashboardView d = dashboard("admin", YEAR_2021 + team());

		assertThat(d.atRisk()).extracting(a -> a.accountId(), a -> a.score(), a -> a.trend(), a -> a.href())
			.containsExactly(tuple(low, 20, -10, "/accounts/" + low), tuple(higher, 35, 0, "/accounts/" + higher));
	}

	@Test
	void theManagerSeesTheirOwnTeamByDefaultAndTheSameFigures() throws Exception {
		DashboardView d = dashboard(data.managerName, YEAR_2021 + "&pipeline=" + data.pipeline);

		assertThat(d.filters().teamId()).isEqualTo(data.team);
		assertThat(d.filters().teams()).extracting(t -> t.id()).containsExactly(data.team);
		assertThat(d.pipeline()).extracting(s -> s.deals()).containsExactly(1L, 2L, 1L);
		assertThat(d.winRate().get(0).won()).isEqualTo(2);
		assertThat(d.service().get(0).openAtEnd()).isEqualTo(2);
	}

	@Test
	void aManagerCannotReadAnotherTeam() throws Exception {
		long sales = jdbc.sql("select team_id from users where username = 'manager'").query(Long.class).single();
		mvc.perform(get("/dashboard?team=" + sales).with(as(users, data.managerName))).andExpect(status().isNotFound());
		mvc.perform(get("/dashboard?team=" + data.team).with(as(users, "manager"))).andExpect(status().isNotFound());
	}

	@Test
	void onlyManagersAndAdminsOpenTheDashboard() throws Exception {
		for (String user : new String[] { "rep", "agent", "marketer" }) {
			mvc.perform(get("/dashboard").with(as(users, user))).andExpect(status().isForbidden());
		}
		mvc.perform(get("/dashboard").with(as(users, "manager"))).andExpect(status().isOk());
		String html = mvc.perform(get("/dashboard").with(as(users, "admin")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(html).contains("id=\"dashboard-charts\"")
			.contains("data-chart=\"pipeline\"")
			.containsPattern("/webjars/echarts/[0-9.]+/dist/echarts.min.js");
	}

	@Test
	void aBadDateRangeShowsAMessageAndTheDefaultRange() throws Exception {
		LocalDate now = LocalDate.now(clock);
		for (String[] bad : new String[][] { { "from=2021-05-01&to=2021-04-01", "ends before it starts" },
				{ "from=2017-01-01&to=2021-01-02", "longer than 3 years" }, { "from=yesterday", "can’t be read" } }) {
			var result = mvc.perform(get("/dashboard?" + bad[0]).with(as(users, "admin")))
				.andExpect(status().isOk())
				.andReturn();
			DashboardView d = (DashboardView) result.getModelAndView().getModel().get("dashboard");
			assertThat(d.filters().from()).isEqualTo(now.minusMonths(6));
			assertThat(d.filters().to()).isEqualTo(now);
			assertThat(result.getResponse().getContentAsString()).contains("id=\"dashboard-problem\"").contains(bad[1]);
		}
	}

	@Test
	void chartLinksOpenListsOfExactlyTheRecordsBehindTheFigures() throws Exception {
		DashboardView d = dashboard("admin", YEAR_2021 + team());

		String propose = page("admin", d.pipeline().get(1).href());
		assertThat(propose).contains(data.name("P-A"), data.name("P-B"), data.name("P-B-usd"))
			.doesNotContain(data.name("Q-A"), data.name("P-other-team"));

		String januaryWon = page("admin", d.winRate().get(0).wonHref());
		assertThat(januaryWon).contains(data.name("Jan-won-1"), data.name("Jan-won-2"))
			.doesNotContain(data.name("Jan-lost"), data.name("Other-team-won"), data.name("Apr-won"));
		String march = page("admin", d.winRate().get(2).href());
		assertThat(march).contains(data.name("Mar-lost-1"), data.name("Mar-lost-2"))
			.doesNotContain(data.name("Apr-won"), data.name("Jan-lost"));

		String backlogJanuary = page("admin", d.service().get(0).backlogHref());
		assertThat(backlogJanuary).contains(data.name("t2"), data.name("t5"))
			.doesNotContain(data.name("t1"), data.name("t3"), data.name("t-other"));
		String backlogMarch = page("admin", d.service().get(2).backlogHref());
		assertThat(backlogMarch).contains(data.name("t3"), data.name("t-customer"))
			.doesNotContain(data.name("t2"), data.name("t4"), data.name("t-other"));
		String slaJanuary = page("admin", d.service().get(0).slaHref());
		assertThat(slaJanuary).contains(data.name("t1"), data.name("t2"))
			.doesNotContain(data.name("t5"), data.name("t-other"));

		String forecast = page("admin", d.forecast().reps().get(0).forecastHref());
		assertThat(forecast).contains("Dash dash" + data.tag);
		mvc.perform(get(d.csat().get(0).href()).with(as(users, "admin"))).andExpect(status().isOk());
		mvc.perform(get(d.campaigns().campaigns().get(0).href()).with(as(users, "admin"))).andExpect(status().isOk());

		// The data tables carry the same links.
		String html = mvc.perform(get("/dashboard?" + YEAR_2021 + team()).with(as(users, "admin")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(html).contains(d.pipeline().get(1).href().replace("&", "&amp;"))
			.contains(d.service().get(0).backlogHref().replace("&", "&amp;"));
	}

	private String page(String user, String href) throws Exception {
		return mvc.perform(get(href).with(as(users, user)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

}
