package org.opencrm.web.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.opencrm.web.Logins.as;
import static org.opencrm.web.PageStatements.statementsFor;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencrm.core.health.AtRiskAccount;
import org.opencrm.core.health.CustomerHealth;
import org.opencrm.core.health.CustomerHealth.Band;
import org.opencrm.core.health.CustomerHealthQuery;
import org.opencrm.core.health.HealthChanges;
import org.opencrm.core.health.HealthFactor;
import org.opencrm.core.health.HealthRecompute;
import org.opencrm.core.shared.KeysetPage;
import org.opencrm.core.timeline.InteractionKind;
import org.opencrm.core.timeline.RecordInteraction;
import org.opencrm.core.timeline.TimelineText;
import org.opencrm.core.timeline.TimelineService;
import org.opencrm.core.user.UserService;
import org.opencrm.core.user.Visibility;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Customer health on five hand-described accounts (A–E, every figure worked out in the
 * comments), computed by the real modules' signal statements, and the at-risk list for a
 * team of its own (a rep, a second rep, their manager) so the list holds exactly this
 * test's accounts.
 */
@WebIntegrationTest
class CustomerHealthTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	@Autowired
	HealthRecompute recompute;

	@Autowired
	HealthChanges changes;

	@Autowired
	CustomerHealthQuery health;

	@Autowired
	TimelineService timeline;

	HealthFixture fx;

	long rep, rep2, manager, a, b, c, d, e;

	String repName, rep2Name, managerName;

	@BeforeEach
	void fiveAccounts() {
		Instant now = clock.instant();
		fx = new HealthFixture(jdbc, now, LocalDate.now(clock));
		long team = fx.team("Health");
		rep = fx.user("hrep", "SALES_REP", team);
		rep2 = fx.user("hrepb", "SALES_REP", team);
		manager = fx.user("hmgr", "MANAGER", team);
		repName = "hrep" + fx.tag;
		rep2Name = "hrepb" + fx.tag;
		managerName = "hmgr" + fx.tag;

		// A: 5 deals won (last 10 days ago), 150,000 EUR; 15 calls lately, 2 before.
		// 50 + 15 + 10 + 10 + 0 + 0 + 15 (engagement 15) + 5 (trend up) = 105, clamped to
		// 100.
		a = fx.account("Alpha", rep);
		for (int days : new int[] { 10, 50, 100, 200, 300 }) {
			fx.wonDeal(a, rep, days, "30000", "EUR");
		}
		fx.conversations(a, 15, 5);
		fx.conversations(a, 2, 120);

		// B: one deal won 200 days ago (10,000 EUR), a deal lost lately (doesn't count);
		// 3 open complaints
		// (a resolved one doesn't count); 2 SLA breaches in the window (one 120 days ago
		// doesn't count);
		// no calls lately, 4 before. 50 + 5 + 2 + 2 - 30 - 10 - 10 (no engagement) - 10
		// (trend down) = -1 → 0.
		b = fx.account("Bravo", rep);
		fx.wonDeal(b, rep, 200, "10000", "EUR");
		fx.deal(b, rep, "LOST", 5, "99999", "EUR");
		long t1 = fx.ticket(b, "COMPLAINT", "OPEN");
		fx.ticket(b, "COMPLAINT", "NEW");
		fx.ticket(b, "COMPLAINT", "PENDING_CUSTOMER");
		long resolved = fx.ticket(b, "COMPLAINT", "RESOLVED");
		fx.breach(t1, "FIRST_RESPONSE", 10);
		fx.breach(t1, "RESOLUTION", 20);
		fx.breach(resolved, "FIRST_RESPONSE", 120);
		fx.conversations(b, 4, 120);

		// C: nothing at all. 50 - 10 (no engagement) = 40.
		c = fx.account("Charlie", rep);

		// D (the second rep's): won 400, 500 (USD: counts as a purchase, not as EUR
		// revenue) and 600 days
		// ago; 3 open complaints; one form submission by its contact 10 days ago.
		// 50 - 5 + 5 (3 deals) + 5 (25,000 EUR) - 30 + 0 + 5 (engagement 1) + 0 = 30.
		d = fx.account("Delta", rep2);
		fx.wonDeal(d, rep2, 400, "20000", "EUR");
		fx.wonDeal(d, rep2, 500, "5000", "USD");
		fx.wonDeal(d, rep2, 600, "5000", "EUR");
		for (int i = 0; i < 3; i++) {
			fx.ticket(d, "COMPLAINT", "ON_HOLD");
		}
		fx.formSubmission(fx.contact(d, "Dora"), 10);

		// E: won 100 days ago (1,000 EUR); 1 open complaint (an open incident isn't one);
		// 2 breaches;
		// 1 call lately, 3 before. 50 + 10 + 2 + 2 - 10 - 10 + 5 - 10 (3 → 1) = 39.
		e = fx.account("Echo", rep);
		fx.wonDeal(e, rep, 100, "1000", "EUR");
		long complaint = fx.ticket(e, "COMPLAINT", "OPEN");
		long incident = fx.ticket(e, "INCIDENT", "OPEN");
		fx.breach(complaint, "RESOLUTION", 3);
		fx.breach(incident, "RESOLUTION", 4);
		fx.conversations(e, 1, 30);
		fx.conversations(e, 3, 100);

		recompute.recompute(List.of(a, b, c, d, e));
	}

	private CustomerHealth of(long account) {
		return health.forAccount(account).orElseThrow();
	}

	@Test
	void scoresBandsAndSegmentsMatchTheHandWorkedFigures() {
		assertThat(List.of(of(a), of(b), of(c), of(d), of(e)))
			.extracting(CustomerHealth::score, CustomerHealth::band, CustomerHealth::rfmSegment)
			.containsExactly(tuple(100, Band.HEALTHY, "CHAMPIONS"), tuple(0, Band.AT_RISK, "HIBERNATING"),
					tuple(40, Band.WATCH, "NO_PURCHASES"), tuple(30, Band.AT_RISK, "LOST"),
					tuple(39, Band.AT_RISK, "POTENTIAL"));
		assertThat(of(a).factors()).extracting(HealthFactor::code, HealthFactor::points)
			.containsExactly(tuple("base", 50), tuple("recency", 15), tuple("frequency", 10), tuple("monetary", 10),
					tuple("complaints", 0), tuple("sla", 0), tuple("engagement", 15), tuple("trend", 5),
					tuple("clamp", -5));
		assertThat(of(b).factors()).extracting(HealthFactor::code, HealthFactor::points)
			.containsExactly(tuple("base", 50), tuple("recency", 5), tuple("frequency", 2), tuple("monetary", 2),
					tuple("complaints", -30), tuple("sla", -10), tuple("engagement", -10), tuple("trend", -10),
					tuple("clamp", 1));
		assertThat(of(d).factors()).extracting(HealthFactor::code, HealthFactor::points)
			.containsExactly(tuple("base", 50), tuple("recency", -5), tuple("frequency", 5), tuple("monetary", 5),
					tuple("complaints", -30), tuple("sla", 0), tuple("engagement", 5), tuple("trend", 0));
		assertThat(of(e).factors()).extracting(HealthFactor::code, HealthFactor::points)
			.containsExactly(tuple("base", 50), tuple("recency", 10), tuple("frequency", 2), tuple("monetary", 2),
					tuple("complaints", -10), tuple("sla", -10), tuple("engagement", 5), tuple("trend", -10));
		assertThat(of(d).recencyDays()).isEqualTo(400);
		assertThat(of(d).frequency()).isEqualTo(3);
		assertThat(of(d).monetary()).isEqualByComparingTo("25000");
		assertThat(of(c).recencyDays()).isNull();
		assertThat(of(b).factors().get(4).detail()).isEqualTo("3 open complaints");
		assertThat(of(d).factors().get(6).detail()).contains("1 form submissions");
	}

	@Test
	void aFullPassConsumesTheChangesMarkedBeforeIt() {
		changes.changed(a);
		changes.changed(e);

		assertThat(recompute.recomputeAll()).isTrue();

		assertThat(jdbc.sql("select count(*) from customer_health_changes where account_id in (?, ?)")
			.params(a, e)
			.query(Long.class)
			.single()).isZero();
		changes.changed(a); // marked after the pass: left for the next incremental run
		assertThat(jdbc.sql("select count(*) from customer_health_changes where account_id = ?")
			.param(a)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void everyComputedAccountsFactorsAddUpToItsScore() {
		assertThat(recompute.recomputeAll()).isTrue();
		long total = jdbc.sql("select count(*) from customer_health").query(Long.class).single();
		long accounts = jdbc.sql("select count(*) from accounts").query(Long.class).single();
		long wrong = jdbc.sql("""
				select count(*) from customer_health h
				where h.score <> (select coalesce(sum((f ->> 'points')::int), 0) from jsonb_array_elements(h.factors) f)
				""").query(Long.class).single();
		assertThat(total).isEqualTo(accounts);
		assertThat(wrong).isZero();
	}

	@Test
	void anIncrementalRunRecomputesOnlyTheAccountsThatChanged() {
		recompute.recomputeChanged();
		Instant aBefore = of(a).computedAt();
		Instant eBefore = of(e).computedAt();
		// E's complaint is resolved (no event: the SLA monitor-style direct mark) and it
		// gets a new call
		// on the timeline (InteractionRecorded marks it too).
		jdbc.sql("update tickets set status = 'RESOLVED' where account_id = ? and type = 'COMPLAINT'")
			.param(e)
			.update();
		changes.changed(e);
		timeline.log(RecordInteraction.logged(InteractionKind.CALL, clock.instant(), e, null, "Check-in", null),
				Visibility.all());
		// A campaign mail sent is no signal: it marks nothing. An open reported for D's
		// contact marks D.
		timeline.record(new RecordInteraction(InteractionKind.CAMPAIGN, clock.instant(), a, null,
				TimelineText.of("timeline.campaign.sent", "Newsletter"), null, "marketing", null));
		assertThat(jdbc.sql("select count(*) from customer_health_changes where account_id = ?")
			.param(a)
			.query(Long.class)
			.single()).isZero();
		Instant dBefore = of(d).computedAt();
		changes.changedContact(
				jdbc.sql("select min(id) from contacts where account_id = ?").param(d).query(Long.class).single());

		int computed = recompute.recomputeChanged();

		assertThat(computed).isGreaterThanOrEqualTo(1);
		assertThat(of(a).computedAt()).isEqualTo(aBefore);
		assertThat(of(e).computedAt()).isAfter(eBefore);
		assertThat(of(d).computedAt()).isAfter(dBefore);
		// 39 + 10 (no open complaint) + 10 (trend -10 → 0: 2 calls lately vs 3 before is
		// no fall by half) = 59.
		assertThat(of(e).score()).isEqualTo(59);
		assertThat(of(e).previousScore()).isEqualTo(39);
		assertThat(of(e).trend()).isEqualTo(20);
		assertThat(jdbc.sql("select count(*) from customer_health_changes where account_id = ?")
			.param(e)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void twoFullPassesAtOnceRunOnlyOnce() throws Exception {
		List<Boolean> ran = runTogether(recompute::recomputeAll, recompute::recomputeAll);
		assertThat(ran).containsExactlyInAnyOrder(true, false);
		assertThat(recompute.fullPassRunning()).isFalse();
		assertThat(jdbc.sql(
				"select count(*) from accounts a where not exists (select 1 from customer_health h where h.account_id = a.id)")
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void twoIncrementalRunsAtOnceShareTheWorkWithoutDoingAnyTwice() throws Exception {
		recompute.recomputeChanged();
		List<Long> ids = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			ids.add(fx.account("Many" + i, rep));
		}
		ids.forEach(changes::changed);

		List<Integer> counts = runTogether(recompute::recomputeChanged, recompute::recomputeChanged);

		assertThat(counts.get(0) + counts.get(1)).isEqualTo(40);
		assertThat(jdbc.sql("select count(*) from customer_health where account_id = any(?)")
			.param(ids.toArray(Long[]::new))
			.query(Long.class)
			.single()).isEqualTo(40);
		assertThat(jdbc.sql("select count(*) from customer_health_changes").query(Long.class).single()).isZero();
	}

	@SafeVarargs
	private <T> List<T> runTogether(Callable<T>... jobs) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(jobs.length);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<T>> futures = new ArrayList<>();
			for (Callable<T> job : jobs) {
				futures.add(pool.submit(() -> {
					start.await();
					return job.call();
				}));
			}
			start.countDown();
			List<T> out = new ArrayList<>();
			for (Future<T> f : futures) {
				out.add(f.get());
			}
			return out;
		}
		finally {
			pool.shutdown();
		}
	}

	@Test
	void theAtRiskListShowsEachUserTheAccountsTheyOwnOrManage() throws Exception {
		assertThat(listed(repName)).containsExactly(b, e);
		assertThat(listed(rep2Name)).containsExactly(d);
		assertThat(listed(managerName)).containsExactly(b, d, e);
		// The service, all pages, for the rep: never someone else's account.
		KeysetPage<AtRiskAccount> page = health.atRiskPage(new Visibility(Visibility.Scope.OWN, rep, null), null, 1);
		assertThat(page.items()).extracting(r -> r.health().accountId()).containsExactly(b);
		page = health.atRiskPage(new Visibility(Visibility.Scope.OWN, rep, null), page.nextCursor(), 1);
		assertThat(page.items()).extracting(r -> r.health().accountId()).containsExactly(e);
		assertThat(page.hasNext()).isFalse();
		assertThat(page.hasPrevious()).isTrue();
	}

	@Test
	void theAtRiskRowShowsScoreTrendOwnerAndWhatPulledTheScoreDown() throws Exception {
		String row = Html.element(page("/analytics/at-risk", managerName), "<tr[^>]*data-account-id=\"" + e + "\"",
				"tr");
		assertThat(row).isNotNull().contains("href=\"/accounts/" + e + "\"");
		assertThat(Html.all("health-score\">(\\d+)<", row)).containsExactly("39");
		assertThat(Html.text(row)).contains("Echo " + fx.tag)
			.contains("User hrep " + fx.tag)
			.contains("Open complaints -10 (1 open complaint)")
			.contains("SLA breaches -10 (2 SLA breaches in 90 days)")
			.contains("Trend -10")
			.contains("Potential")
			.doesNotContain("Recency");
		assertThat(Html.text(Html.element(row, "<span[^>]*health-trend", "span"))).isEqualTo("→");
	}

	@Test
	void theHealthPanelListsFactorsThatAddUpAndSaysWhenNothingIsComputed() throws Exception {
		// Delta belongs to the second rep; an agent sees every customer (this rep would
		// get a 404).
		String html = healthPanel(page("/accounts/" + d, "agent"));
		assertThat(Html.all("fw-semibold health-score\">(\\d+)<", html)).containsExactly("30");
		assertThat(Html.text(Html.element(html, "<span[^>]*health-band", "span"))).isEqualTo("At risk");
		String body = Html.element(html, "<tbody", "tbody");
		List<String> points = Html.all("<td class=\"text-end[^\"]*\">([+-]?\\d+)</td>", body);
		assertThat(points).containsExactly("+50", "-5", "+5", "+5", "-30", "0", "+5", "0");
		assertThat(points.stream().mapToInt(p -> Integer.parseInt(p.replace("+", ""))).sum()).isEqualTo(30);
		assertThat(Html.text(body)).contains("Recency last won deal 400 days ago")
			.contains("Open complaints 3 open complaints");
		assertThat(Html.all("health-total\">(\\d+)<", html)).containsExactly("30");

		long fresh = fx.account("Fresh", rep);
		assertThat(healthPanel(page("/accounts/" + fresh, "agent"))).contains("empty-state")
			.doesNotContain("health-total");
		mvc.perform(get("/accounts/" + d).with(as(users, repName))).andExpect(status().isNotFound());
	}

	@Test
	void theAtRiskPageReadsTheSameStatementsHoweverManyAccountsAreAtRisk() throws Exception {
		int before = statementsFor(mvc, users, "/analytics/at-risk", managerName);
		assertThat(before).isLessThanOrEqualTo(8);
		List<Long> more = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			long acc = fx.account("Risky" + i, i % 2 == 0 ? rep : rep2);
			for (int t = 0; t < 3; t++) {
				fx.ticket(acc, "COMPLAINT", "OPEN");
			}
			more.add(acc);
		}
		recompute.recompute(more);
		assertThat(statementsFor(mvc, users, "/analytics/at-risk", managerName)).isEqualTo(before);
		assertThat(listed(managerName)).hasSize(25);
	}

	@Test
	void aBrokenCursorIsABadLinkAndOnlyAdminsRecompute() throws Exception {
		// A cursor the pager did not write is answered as a bad link, never a stack trace
		// or a wrong page.
		mvc.perform(get("/analytics/at-risk?cursor=%25%25nonsense").with(as(users, repName)))
			.andExpect(status().isBadRequest());
		assertThat(Html.all("data-account-id=\"(\\d+)\"", page("/analytics/at-risk", repName))).hasSize(2);
		mvc.perform(post("/analytics/health/recompute").with(csrf()).with(as(users, repName)))
			.andExpect(status().isForbidden());
		String lastRun = "select coalesce(last_full_at::text, '') from customer_health_jobs where job = 'full'";
		String before = jdbc.sql(lastRun).query(String.class).single();
		mvc.perform(post("/analytics/health/recompute").with(csrf()).with(as(users, "admin")))
			.andExpect(status().is3xxRedirection())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash()
				.attribute("flash", "health.recompute.started"));
		// Wait for the background pass to finish, so it can't count against another
		// test's page.
		for (int i = 0; i < 1200 && jdbc.sql(lastRun).query(String.class).single().equals(before); i++) {
			Thread.sleep(100);
		}
		assertThat(jdbc.sql(lastRun).query(String.class).single()).isNotEqualTo(before);
		assertThat(recompute.fullPassRunning()).isFalse();
	}

	private List<Long> listed(String user) throws Exception {
		return Html.all("data-account-id=\"(\\d+)\"", page("/analytics/at-risk", user))
			.stream()
			.map(Long::parseLong)
			.toList();
	}

	/**
	 * The health panel of an account's dashboard (it comes just before the cross-sell
	 * list).
	 */
	private static String healthPanel(String dashboard) {
		int start = dashboard.indexOf("id=\"health-panel\"");
		assertThat(start).isNotNegative();
		return dashboard.substring(start, dashboard.indexOf("id=\"cross-sell\"", start));
	}

	private String page(String path, String user) throws Exception {
		return mvc.perform(get(path).with(as(users, user)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
	}

}
