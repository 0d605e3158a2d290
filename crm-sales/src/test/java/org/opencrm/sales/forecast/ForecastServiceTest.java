package org.opencrm.sales.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.Role;
import org.opencrm.core.user.Visibility;
import org.opencrm.sales.SalesRows;
import org.opencrm.sales.shared.Period;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A fixed set of deals for a team of two reps (Ada and Ben) and one rep of another team
 * (Cy) in the fourth quarter of 2030; every expected figure is computed by hand in the
 * comments.
 */
@SpringBootTest
class ForecastServiceTest {

	static final Period Q4 = Period.parse("2030-Q4");

	@Autowired
	ForecastService forecasts;

	@Autowired
	JdbcClient jdbc;

	SalesRows rows;

	long team;

	long ada;

	long ben;

	long manager;

	long cy;

	@BeforeEach
	void givenATeamWithDealsInAndAroundTheFourthQuarter() {
		rows = new SalesRows(jdbc);
		team = rows.team();
		ada = rows.user("SALES_REP", team);
		ben = rows.user("SALES_REP", team);
		manager = rows.user("MANAGER", team);
		cy = rows.user("SALES_REP", rows.team());
		var stages = rows.pipeline();
		long account = rows.account();

		// Ada, open: commit 10 000 at 40 % (4 000), best case 5 000 at 70 % (3 500),
		// pipeline 2 000 at 10 % (200).
		rows.deal(stages, ada, account)
			.open(stages.propose(), "COMMIT")
			.amount("10000")
			.closing(day("2030-11-30"))
			.insert();
		rows.deal(stages, ada, account)
			.open(stages.negotiate(), "BEST_CASE")
			.amount("5000")
			.closing(day("2030-12-15"))
			.insert();
		rows.deal(stages, ada, account)
			.open(stages.qualify(), "PIPELINE")
			.amount("2000")
			.closing(day("2030-10-20"))
			.insert();
		// Omitted, and closing next year: in no figure.
		rows.deal(stages, ada, account)
			.open(stages.qualify(), "OMITTED")
			.amount("9000")
			.closing(day("2030-11-01"))
			.insert();
		rows.deal(stages, ada, account)
			.open(stages.propose(), "COMMIT")
			.amount("7000")
			.closing(day("2031-01-15"))
			.insert();
		// Ada, closed in Q4: won 8 000 (30-day cycle) and 4 000 (10 days), lost 3 000 and
		// 1 000 for price.
		rows.deal(stages, ada, account)
			.won(at("2030-10-10"))
			.created(at("2030-09-10"))
			.amount("8000")
			.source("WEB")
			.insert();
		rows.deal(stages, ada, account)
			.won(at("2030-11-05"))
			.created(at("2030-10-26"))
			.amount("4000")
			.source("EVENT")
			.insert();
		rows.deal(stages, ada, account).lost(at("2030-11-02"), "Price").amount("3000").source("WEB").insert();
		rows.deal(stages, ada, account).lost(at("2030-12-01"), "Price").amount("1000").insert();
		// Won in the third quarter: outside.
		rows.deal(stages, ada, account).won(at("2030-09-28")).amount("6000").source("WEB").insert();
		// Ben: won 3 000 (10 days), lost 2 000 for timing, both by referral; an open
		// commit in dollars.
		rows.deal(stages, ben, account)
			.won(at("2030-12-20"))
			.created(at("2030-12-10"))
			.amount("3000")
			.source("REFERRAL")
			.insert();
		rows.deal(stages, ben, account).lost(at("2030-10-15"), "Timing").amount("2000").source("REFERRAL").insert();
		rows.deal(stages, ben, account)
			.open(stages.negotiate(), "COMMIT")
			.amount("1000")
			.currency("USD")
			.closing(day("2030-11-20"))
			.insert();
		// Cy, another team: a big win nobody in Ada's team sees.
		rows.deal(stages, cy, account).won(at("2030-11-11")).amount("50000").insert();

		// Quotas: Ada 20 000 for the quarter; Ben 2 000 a month (a quarter of 6 000).
		quota(ada, "QUARTER", "2030-10-01", "20000");
		quota(ben, "MONTH", "2030-10-01", "2000");
		quota(ben, "MONTH", "2030-11-01", "2000");
		quota(ben, "MONTH", "2030-12-01", "2000");
	}

	@Test
	void weightedForecastQuotaAttainmentWinRateAndCycleMatchTheHandComputedFigures() {
		Forecast f = forecasts.forecast(Visibility.all(), new ForecastFilter(Q4, team, null));

		ForecastLine a = line(f.reps(), ada, "EUR");
		assertThat(a.won()).isEqualByComparingTo("12000");
		assertThat(a.commit()).isEqualByComparingTo("10000");
		assertThat(a.bestCase()).isEqualByComparingTo("5000");
		assertThat(a.pipeline()).isEqualByComparingTo("2000");
		assertThat(a.weighted()).isEqualByComparingTo("7700");
		assertThat(a.quota()).isEqualByComparingTo("20000");
		assertThat(a.attainmentPercent()).isEqualByComparingTo("60.0");
		assertThat(a.gap()).isEqualByComparingTo("8000");
		assertThat(a.winRatePercent()).isEqualByComparingTo("50.0");
		assertThat(a.averageCycleDays()).isEqualByComparingTo("20.0");

		ForecastLine b = line(f.reps(), ben, "EUR");
		assertThat(b.won()).isEqualByComparingTo("3000");
		assertThat(b.quota()).as("a quarter's quota is the sum of its months'").isEqualByComparingTo("6000");
		assertThat(b.attainmentPercent()).isEqualByComparingTo("50.0");
		assertThat(b.winRatePercent()).isEqualByComparingTo("50.0");
		assertThat(b.averageCycleDays()).isEqualByComparingTo("10.0");
		ForecastLine dollars = line(f.reps(), ben, "USD");
		assertThat(dollars.commit()).isEqualByComparingTo("1000");
		assertThat(dollars.weighted()).isEqualByComparingTo("700");
		assertThat(dollars.quota()).isNull();
		assertThat(dollars.attainmentPercent()).isNull();

		assertThat(f.totals()).extracting(ForecastLine::currency).containsExactly("EUR", "USD");
		ForecastLine eur = f.totals().get(0);
		assertThat(eur.won()).isEqualByComparingTo("15000");
		assertThat(eur.weighted()).isEqualByComparingTo("7700");
		assertThat(eur.quota()).isEqualByComparingTo("26000");
		assertThat(eur.attainmentPercent()).isEqualByComparingTo("57.7");
		assertThat(eur.gap()).as("Ada's 8 000 and Ben's 3 000").isEqualByComparingTo("11000");
		assertThat(eur.winRatePercent()).isEqualByComparingTo("50.0");
		assertThat(eur.averageCycleDays()).as("(30 + 10 + 10) / 3").isEqualByComparingTo("16.7");
		assertThat(f.totals().get(1).weighted()).as("dollars stay apart").isEqualByComparingTo("700");
	}

	@Test
	void wonAndLostAreAnalysedByLostReasonAndBySource() {
		Forecast f = forecasts.forecast(Visibility.all(), new ForecastFilter(Q4, team, null));

		assertThat(f.lostReasons()).containsExactly(
				new Forecast.LostReason("Price", "EUR", 2, new BigDecimal("4000.00")),
				new Forecast.LostReason("Timing", "EUR", 1, new BigDecimal("2000.00")));
		assertThat(f.sources())
			.extracting(Forecast.SourceResult::source, Forecast.SourceResult::won, Forecast.SourceResult::lost)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("WEB", 1L, 1L),
					org.assertj.core.groups.Tuple.tuple("EVENT", 1L, 0L),
					org.assertj.core.groups.Tuple.tuple("REFERRAL", 1L, 1L),
					org.assertj.core.groups.Tuple.tuple("", 0L, 1L));
		assertThat(f.sources().get(0).wonAmount()).isEqualByComparingTo("8000");
		assertThat(f.sources().get(0).winRatePercent()).isEqualByComparingTo("50.0");
	}

	@Test
	void aMonthsQuotaIsThatMonthsAndAQuarterlyQuotaDoesNotCountForAMonth() {
		Forecast f = forecasts.forecast(Visibility.all(), new ForecastFilter(Period.parse("2030-11"), team, null));

		ForecastLine a = line(f.reps(), ada, "EUR");
		assertThat(a.won()).isEqualByComparingTo("4000");
		assertThat(a.commit()).isEqualByComparingTo("10000");
		assertThat(a.weighted()).isEqualByComparingTo("4000");
		assertThat(a.quota()).isNull();
		ForecastLine b = line(f.reps(), ben, "EUR");
		assertThat(b.quota()).isEqualByComparingTo("2000");
		assertThat(b.attainmentPercent()).isEqualByComparingTo("0.0");
	}

	@Test
	void aRepSeesOnlyTheirOwnFiguresAndAManagerTheirTeams() {
		Forecast own = forecasts.forecast(Visibility.of(user(ada, Role.SALES_REP)), new ForecastFilter(Q4, null, null));
		assertThat(own.reps()).extracting(ForecastLine::userId).containsOnly(ada);
		assertThat(own.totals().get(0).won()).isEqualByComparingTo("12000");

		Forecast teams = forecasts.forecast(Visibility.of(user(manager, Role.MANAGER)),
				new ForecastFilter(Q4, null, null));
		assertThat(teams.reps()).extracting(ForecastLine::userId).containsOnly(ada, ben);
		// A rep filter can't widen what a rep may see.
		Forecast peek = forecasts.forecast(Visibility.of(user(ada, Role.SALES_REP)), new ForecastFilter(Q4, null, cy));
		assertThat(peek.reps()).isEmpty();

		Forecast everyone = forecasts.forecast(Visibility.all(), new ForecastFilter(Q4, null, null));
		assertThat(everyone.reps()).extracting(ForecastLine::userId).contains(ada, ben, cy);
	}

	private CrmUser user(long id, Role role) {
		return new CrmUser(id, "u" + id, "User " + id, role, team, "", true);
	}

	private void quota(long user, String type, String start, String amount) {
		jdbc.sql("insert into quotas (user_id, period_type, period_start, amount, currency) values (?, ?, ?, ?, 'EUR')")
			.params(user, type, LocalDate.parse(start), new BigDecimal(amount))
			.update();
	}

	private static ForecastLine line(List<ForecastLine> lines, long user, String currency) {
		return lines.stream()
			.filter(l -> l.userId() == user && l.currency().equals(currency))
			.findFirst()
			.orElseThrow();
	}

	private static LocalDate day(String d) {
		return LocalDate.parse(d);
	}

	private static Instant at(String d) {
		return Instant.parse(d + "T12:00:00Z");
	}

	@Test
	void theTotalGapSumsTheShortfallsSoARepAboveQuotaDoesNotHideAnothersGap() {
		BigDecimal z = BigDecimal.ZERO;
		ForecastLine over = new ForecastLine(1L, "Over", "EUR", new BigDecimal("5000"), z, z, z, z,
				new BigDecimal("1000"), 1, 0, z, null);
		ForecastLine under = new ForecastLine(2L, "Under", "EUR", new BigDecimal("2000"), z, z, z, z,
				new BigDecimal("10000"), 1, 0, z, null);
		ForecastLine noQuota = new ForecastLine(3L, "Free", "EUR", new BigDecimal("700"), z, z, z, z, null, 1, 0, z,
				null);

		ForecastLine total = ForecastLine.empty("EUR").plus(over).plus(under).plus(noQuota);

		assertThat(total.quota()).isEqualByComparingTo("11000");
		assertThat(total.won()).isEqualByComparingTo("7700");
		assertThat(total.gap()).as("not 11 000 - 7 700 = 3 300").isEqualByComparingTo("8000");
		assertThat(ForecastLine.empty("EUR").plus(noQuota).gap()).isNull();
	}

}
