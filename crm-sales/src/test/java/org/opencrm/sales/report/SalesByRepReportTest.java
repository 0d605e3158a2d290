package org.opencrm.sales.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencrm.core.report.ReportFilter;
import org.opencrm.core.report.ReportRow;
import org.opencrm.core.report.Reports;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.Role;
import org.opencrm.core.user.Visibility;
import org.opencrm.sales.SalesRows;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Deals of Ada and Ben (one team) and Cy (another) closed around October–November 2030;
 * the report runs over 1 October – 30 November (UTC, the test clock's zone). Expected
 * figures in the comments.
 */
@SpringBootTest
class SalesByRepReportTest {

	static final ReportFilter OCT_NOV = new ReportFilter(LocalDate.of(2030, 10, 1), LocalDate.of(2030, 11, 30), null,
			null);

	@Autowired
	Reports reports;

	@Autowired
	JdbcClient jdbc;

	long team;

	long ada;

	long ben;

	long manager;

	long cy;

	@BeforeEach
	void givenClosedDeals() {
		SalesRows rows = new SalesRows(jdbc);
		team = rows.team();
		ada = rows.user("SALES_REP", team);
		ben = rows.user("SALES_REP", team);
		manager = rows.user("MANAGER", team);
		cy = rows.user("SALES_REP", rows.team());
		var stages = rows.pipeline();
		long account = rows.account();
		// Ada, October: won 8 000 (30-day cycle) and 4 000 (10 days), lost 3 000.
		rows.deal(stages, ada, account)
			.won(at("2030-10-10T12:00"))
			.created(at("2030-09-10T12:00"))
			.amount("8000")
			.insert();
		rows.deal(stages, ada, account)
			.won(at("2030-10-30T12:00"))
			.created(at("2030-10-20T12:00"))
			.amount("4000")
			.insert();
		rows.deal(stages, ada, account).lost(at("2030-10-15T12:00"), "Price").amount("3000").insert();
		// Ada, November: lost 1 000 EUR; won 2 000 USD in 5 days (a line of its own).
		rows.deal(stages, ada, account).lost(at("2030-11-02T12:00"), "Price").amount("1000").insert();
		rows.deal(stages, ada, account)
			.won(at("2030-11-06T12:00"))
			.created(at("2030-11-01T12:00"))
			.amount("2000")
			.currency("USD")
			.insert();
		// Ada, outside the range: won in September and on 1 December; and an open deal.
		rows.deal(stages, ada, account).won(at("2030-09-28T12:00")).amount("6000").insert();
		rows.deal(stages, ada, account).won(at("2030-12-01T00:00")).amount("9000").insert();
		rows.deal(stages, ada, account).open(stages.propose(), "COMMIT").amount("7000").insert();
		// Ben, November: won 3 000 in 10 days, and 1 000 in 10 days half an hour before
		// the range ends.
		rows.deal(stages, ben, account)
			.won(at("2030-11-20T12:00"))
			.created(at("2030-11-10T12:00"))
			.amount("3000")
			.insert();
		rows.deal(stages, ben, account)
			.won(at("2030-11-30T23:30"))
			.created(at("2030-11-20T23:30"))
			.amount("1000")
			.insert();
		// Cy, another team: a big win.
		rows.deal(stages, cy, account).won(at("2030-10-05T12:00")).amount("50000").insert();
	}

	@Test
	void wonRevenueWinRateDealSizeAndCyclePerRepMonthAndCurrencyMatchTheHandComputedFigures() {
		List<ReportRow> rows = run(withTeam(team), Visibility.all());

		assertThat(rows).hasSize(6);
		// Ada, October, EUR: 2 won = 12 000, 1 lost, 2 / 3 = 66.7 %, 6 000 a deal, (30 +
		// 10) / 2 = 20 days.
		assertLine(line(rows, "2030-10", ada, "EUR"), 2, "12000", 1, "66.7", "6000", "20.0");
		// Ada, November, EUR: nothing won, 1 lost: 0 %, no average deal or cycle.
		assertLine(line(rows, "2030-11", ada, "EUR"), 0, "0", 1, "0.0", null, null);
		assertLine(line(rows, "2030-11", ada, "USD"), 1, "2000", 0, "100.0", "2000", "5.0");
		// Ben, November: 3 000 + 1 000 (the later one still on the range's last day).
		assertLine(line(rows, "2030-11", ben, "EUR"), 2, "4000", 0, "100.0", "2000", "10.0");

		// Totals per currency, never across: EUR 4 won of 6 closed, 16 000, 4 000 a deal,
		// (30+10+10+10) / 4 = 15 days.
		ReportRow eur = rows.get(4);
		assertThat(eur.total()).isTrue();
		assertThat(eur.get(2)).isEqualTo("EUR");
		assertLine(eur, 4, "16000", 2, "66.7", "4000", "15.0");
		ReportRow usd = rows.get(5);
		assertThat(usd.total()).isTrue();
		assertThat(usd.get(2)).isEqualTo("USD");
		assertLine(usd, 1, "2000", 0, "100.0", "2000", "5.0");
	}

	@Test
	void aRepSeesOnlyTheirOwnFiguresAndAManagerTheirTeams() {
		List<ReportRow> adas = run(OCT_NOV,
				Visibility.of(new CrmUser(ada, "a", "A", Role.SALES_REP, team, null, true)));
		assertThat(adas).filteredOn(r -> !r.total()).extracting(r -> r.get(1)).containsOnly(name(ada));
		// Her EUR total: 2 won of 4 closed, 12 000.
		assertLine(adas.stream().filter(r -> r.total() && "EUR".equals(r.get(2))).findFirst().orElseThrow(), 2, "12000",
				2, "50.0", "6000", "20.0");

		List<ReportRow> managers = run(OCT_NOV,
				Visibility.of(new CrmUser(manager, "m", "M", Role.MANAGER, team, null, true)));
		assertThat(managers).filteredOn(r -> !r.total()).extracting(r -> r.get(1)).containsOnly(name(ada), name(ben));
	}

	@Test
	void theUserFilterAndTheDatesNarrowTheDeals() {
		List<ReportRow> bens = run(new ReportFilter(OCT_NOV.from(), OCT_NOV.to(), team, ben), Visibility.all());
		assertThat(bens).filteredOn(r -> !r.total()).hasSize(1);

		// October only: Ada's October line and its total.
		List<ReportRow> october = run(
				new ReportFilter(LocalDate.of(2030, 10, 1), LocalDate.of(2030, 10, 31), team, null), Visibility.all());
		assertThat(october).hasSize(2);
		assertLine(october.get(0), 2, "12000", 1, "66.7", "6000", "20.0");
	}

	private List<ReportRow> run(ReportFilter filter, Visibility visibility) {
		List<ReportRow> rows = new ArrayList<>();
		CrmUser admin = new CrmUser(0, "admin", "Admin", Role.ADMIN, null, null, true);
		reports.stream(reports.get("sales-by-rep-month", admin), reports.resolve(filter), visibility, rows::add);
		return rows;
	}

	private ReportRow line(List<ReportRow> rows, String month, long owner, String currency) {
		String name = name(owner);
		return rows.stream()
			.filter(r -> !r.total() && month.equals(r.get(0)) && name.equals(r.get(1)) && currency.equals(r.get(2)))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no line " + month + " " + name + " " + currency + " in " + rows));
	}

	private static void assertLine(ReportRow row, long won, String revenue, long lost, String winRate, String average,
			String cycle) {
		assertThat(row.get(3)).as("won").isEqualTo(won);
		assertThat((BigDecimal) row.get(4)).as("revenue").isEqualByComparingTo(revenue);
		assertThat(row.get(5)).as("lost").isEqualTo(lost);
		assertThat((BigDecimal) row.get(6)).as("win rate").isEqualByComparingTo(winRate);
		if (average == null) {
			assertThat(row.get(7)).isNull();
			assertThat(row.get(8)).isNull();
		}
		else {
			assertThat((BigDecimal) row.get(7)).as("average deal").isEqualByComparingTo(average);
			assertThat((BigDecimal) row.get(8)).as("cycle").isEqualByComparingTo(cycle);
		}
	}

	private static ReportFilter withTeam(long team) {
		return new ReportFilter(OCT_NOV.from(), OCT_NOV.to(), team, null);
	}

	private String name(long user) {
		return jdbc.sql("select full_name from users where id = ?").param(user).query(String.class).single();
	}

	private static Instant at(String minute) {
		return Instant.parse(minute + ":00Z");
	}

}
