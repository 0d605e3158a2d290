package org.opencrm.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencrm.core.TestData.unique;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.Role;
import org.opencrm.core.user.Visibility;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A team of two reps (Ada, Ben) and their manager, and Cy in another team, with stored
 * health rows inserted directly: every expected figure is worked out in the comments.
 */
@SpringBootTest
class CustomerReportsTest {

	@Autowired
	Reports reports;

	@Autowired
	JdbcClient jdbc;

	long team;

	long ada;

	long ben;

	long manager;

	long cy;

	long adaBig;

	long adaSmall;

	long benRisky;

	long adaUnscored;

	@BeforeEach
	void givenAccountsWithStoredHealth() {
		team = team();
		ada = user("SALES_REP", team);
		ben = user("SALES_REP", team);
		manager = user("MANAGER", team);
		cy = user("SALES_REP", team());
		// Ada: two champions (1 000 at 80, 3 000 at 90) and an account not scored yet;
		// Ben: one at risk
		// (500 at 30, a prospect); Cy, another team: a big champion.
		adaSmall = account("Small", ada, "CUSTOMER");
		health(adaSmall, "CHAMPIONS", "1000", 80);
		adaBig = account("Big", ada, "CUSTOMER");
		health(adaBig, "CHAMPIONS", "3000", 90);
		adaUnscored = account("Unscored", ada, "CUSTOMER");
		benRisky = account("Risky", ben, "OPPORTUNITY");
		health(benRisky, "AT_RISK", "500", 30);
		health(account("Other", cy, "CUSTOMER"), "CHAMPIONS", "10000", 70);
	}

	@Test
	void customersBySegmentCountsRevenueAndAverageScorePerSegmentAndStageWithAGrandTotal() {
		List<ReportRow> rows = run("customers-by-segment", filter(team, null), Visibility.all());

		assertThat(rows).hasSize(3);
		// At risk / opportunity: Ben's one account.
		assertRow(rows.get(0), false, "AT_RISK", "OPPORTUNITY", 1L, "500", "500", "30");
		// Champions / customer: 1 000 + 3 000 = 4 000 over 2 accounts, average 2 000,
		// score (80 + 90) / 2 = 85.
		assertRow(rows.get(1), false, "CHAMPIONS", "CUSTOMER", 2L, "4000", "2000", "85");
		// Total: 3 accounts, 4 500, 1 500 each on average, score (80 + 90 + 30) / 3 =
		// 66.7.
		assertRow(rows.get(2), true, null, null, 3L, "4500", "1500", "66.7");
	}

	@Test
	void theUserFilterAndARepsVisibilityNarrowToTheirAccounts() {
		assertThat(run("customers-by-segment", filter(team, ben), Visibility.all()))
			.extracting(r -> r.get(0), r -> r.get(2))
			.containsExactly(org.assertj.core.groups.Tuple.tuple("AT_RISK", 1L),
					org.assertj.core.groups.Tuple.tuple(null, 1L));

		// Ada as a rep sees her own accounts only, whatever the filter says.
		List<ReportRow> adas = run("customers-by-segment", ReportFilter.none(),
				Visibility.of(new CrmUser(ada, "ada", "Ada", Role.SALES_REP, team, null, true)));
		assertThat(adas).hasSize(2);
		assertRow(adas.get(0), false, "CHAMPIONS", "CUSTOMER", 2L, "4000", "2000", "85");

		// Their manager sees the team: Ada's and Ben's, not Cy's.
		List<ReportRow> managers = run("customers-by-segment", ReportFilter.none(),
				Visibility.of(new CrmUser(manager, "m", "M", Role.MANAGER, team, null, true)));
		assertThat(managers.get(managers.size() - 1).get(2)).isEqualTo(3L);
	}

	@Test
	void theRevenueListHasOneRowPerAccountLargestRevenueFirstUnscoredLast() {
		List<ReportRow> rows = run("customer-revenue", filter(team, null), Visibility.all());

		assertThat(rows).extracting(r -> r.get(0)).containsExactly(adaBig, adaSmall, benRisky, adaUnscored);
		ReportRow big = rows.get(0);
		assertThat(big.get(2)).isEqualTo(name(ada));
		assertThat(big.get(3)).isEqualTo("CUSTOMER");
		assertThat(big.get(4)).isEqualTo("CHAMPIONS");
		assertThat((BigDecimal) big.get(5)).isEqualByComparingTo("3000");
		assertThat(big.get(6)).isEqualTo(90L);
		ReportRow unscored = rows.get(3);
		assertThat(unscored.get(4)).isNull();
		assertThat(unscored.get(5)).isNull();
		assertThat(rows).noneMatch(ReportRow::total);
	}

	@Test
	void aHandlerThatSaysStopGetsNoMoreRows() {
		List<ReportRow> got = new ArrayList<>();
		Report report = reports.get("customer-revenue", admin());
		reports.stream(report, reports.resolve(filter(team, null)), Visibility.all(), row -> {
			got.add(row);
			return got.size() < 2;
		});
		assertThat(got).hasSize(2);
	}

	@Test
	void unknownTeamsAndUsersAreRefusedWithAMessageCode() {
		assertThatThrownBy(() -> reports.resolve(new ReportFilter(null, null, -5L, null)))
			.isInstanceOf(RuleViolationException.class)
			.extracting(e -> ((RuleViolationException) e).code())
			.isEqualTo("report.filter.unknownTeam");
		assertThatThrownBy(() -> reports.resolve(new ReportFilter(null, null, team, -7L)))
			.isInstanceOf(RuleViolationException.class)
			.extracting(e -> ((RuleViolationException) e).code())
			.isEqualTo("report.filter.unknownUser");
	}

	@Test
	void reportsAreOnlyFoundForTheRolesTheyAreFor() {
		CrmUser customer = new CrmUser(1, "c", "C", Role.CUSTOMER, null, null, true);
		assertThat(reports.find("customer-revenue", customer)).isEmpty();
		assertThat(reports.find("customer-revenue", admin())).isPresent();
		assertThat(reports.find("no-such-report", admin())).isEmpty();
		assertThat(reports.availableTo(admin())).extracting(r -> r.definition().key())
			.contains("customers-by-segment", "customer-revenue");
	}

	private List<ReportRow> run(String key, ReportFilter filter, Visibility visibility) {
		List<ReportRow> rows = new ArrayList<>();
		reports.stream(reports.get(key, admin()), reports.resolve(filter), visibility, rows::add);
		return rows;
	}

	private static void assertRow(ReportRow row, boolean total, String segment, String stage, long customers,
			String revenue, String average, String score) {
		assertThat(row.total()).isEqualTo(total);
		assertThat(row.get(0)).isEqualTo(segment);
		assertThat(row.get(1)).isEqualTo(stage);
		assertThat(row.get(2)).isEqualTo(customers);
		assertThat((BigDecimal) row.get(3)).isEqualByComparingTo(revenue);
		assertThat((BigDecimal) row.get(4)).isEqualByComparingTo(average);
		assertThat((BigDecimal) row.get(5)).isEqualByComparingTo(score);
	}

	private static ReportFilter filter(Long team, Long user) {
		return new ReportFilter(LocalDate.of(2030, 1, 1), LocalDate.of(2030, 12, 31), team, user);
	}

	private static CrmUser admin() {
		return new CrmUser(0, "admin", "Admin", Role.ADMIN, null, null, true);
	}

	private long team() {
		return jdbc.sql("insert into teams (name) values (?) returning id")
			.param("Team " + unique())
			.query(Long.class)
			.single();
	}

	private long user(String role, long teamId) {
		String u = unique();
		return jdbc.sql("""
				insert into users (username, full_name, password_hash, role, team_id)
				values (?, ?, '{noop}unused', ?, ?) returning id
				""").params("u" + u, "User " + u, role, teamId).query(Long.class).single();
	}

	private String name(long userId) {
		return jdbc.sql("select full_name from users where id = ?").param(userId).query(String.class).single();
	}

	private long account(String name, long owner, String stage) {
		return jdbc.sql("insert into accounts (name, lifecycle_stage, owner_id) values (?, ?, ?) returning id")
			.params(name + " " + unique(), stage, owner)
			.query(Long.class)
			.single();
	}

	private void health(long account, String segment, String monetary, int score) {
		jdbc.sql("""
				insert into customer_health (account_id, score, band, rfm_segment, monetary, computed_at)
				values (?, ?, 'HEALTHY', ?, ?, now())
				""").params(account, score, segment, new BigDecimal(monetary)).update();
	}

}
