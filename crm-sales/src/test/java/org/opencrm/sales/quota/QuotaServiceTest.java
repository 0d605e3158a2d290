package org.opencrm.sales.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.shared.StaleEditException;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.Role;
import org.opencrm.core.user.Visibility;
import org.opencrm.sales.SalesRows;
import org.opencrm.sales.shared.PeriodType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest
class QuotaServiceTest {

	@Autowired
	QuotaService quotas;

	@Autowired
	JdbcClient jdbc;

	record Stored(String periodType, LocalDate periodStart, BigDecimal amount, String currency, long version) {
	}

	@Test
	void aQuotaIsStoredAgainstThePeriodsFirstDayAndSavingAgainUpdatesIt() {
		var rows = new SalesRows(jdbc);
		long team = rows.team();
		long rep = rows.user("SALES_REP", team);
		Visibility manager = Visibility
			.of(new CrmUser(rows.user("MANAGER", team), "m", "M", Role.MANAGER, team, "", true));

		quotas.set(manager, List.of(
				new SetQuota(rep, PeriodType.QUARTER, LocalDate.parse("2030-11-17"), new BigDecimal("30000"), "eur"),
				new SetQuota(rep, PeriodType.MONTH, LocalDate.parse("2030-11-17"), new BigDecimal("9000"), "EUR")));
		quotas.set(manager, List
			.of(new SetQuota(rep, PeriodType.QUARTER, LocalDate.parse("2030-10-01"), new BigDecimal("32000"), "EUR")));

		assertThat(stored(rep)).containsExactly(
				new Stored("MONTH", LocalDate.parse("2030-11-01"), new BigDecimal("9000.00"), "EUR", 0),
				new Stored("QUARTER", LocalDate.parse("2030-10-01"), new BigDecimal("32000.00"), "EUR", 1));

		QuotaGrid grid = quotas.grid(manager, team, 2030, PeriodType.QUARTER);
		assertThat(grid.periods()).hasSize(4);
		QuotaGrid.Row row = grid.rows().stream().filter(r -> r.userId() == rep).findFirst().orElseThrow();
		assertThat(row.cells()).extracting(QuotaGrid.Cell::amount)
			.containsExactly(null, null, null, new BigDecimal("32000.00"));
		assertThat(quotas.grid(manager, team, 2030, PeriodType.MONTH).periods()).hasSize(12);

		quotas.set(manager, List.of(new SetQuota(rep, PeriodType.MONTH, LocalDate.parse("2030-11-01"), null, null)));
		assertThat(stored(rep)).extracting(Stored::periodType).containsExactly("QUARTER");
	}

	@Test
	void aNegativeQuotaOrABadCurrencyIsRefusedAndNothingIsSaved() {
		var rows = new SalesRows(jdbc);
		long rep = rows.user("SALES_REP", null);
		LocalDate day = LocalDate.parse("2030-11-01");

		assertThatThrownBy(() -> quotas.set(Visibility.all(),
				List.of(new SetQuota(rep, PeriodType.MONTH, day, new BigDecimal("100"), "EUR"),
						new SetQuota(rep, PeriodType.QUARTER, day, new BigDecimal("-1"), "EUR"))))
			.isInstanceOf(RuleViolationException.class)
			.hasFieldOrPropertyWithValue("code", "money.amount.negative");
		assertThatThrownBy(() -> quotas.set(Visibility.all(),
				List.of(new SetQuota(rep, PeriodType.MONTH, day, new BigDecimal("100"), "euro"))))
			.isInstanceOf(RuleViolationException.class)
			.hasFieldOrPropertyWithValue("code", "money.currency.invalid");
		assertThat(stored(rep)).isEmpty();
	}

	@Test
	void aManagerSetsQuotasForTheirTeamOnlyAndARepSeesOnlyTheirOwn() {
		var rows = new SalesRows(jdbc);
		long team = rows.team();
		long rep = rows.user("SALES_REP", team);
		long outsider = rows.user("SALES_REP", rows.team());
		long managerId = rows.user("MANAGER", team);
		Visibility manager = Visibility.of(new CrmUser(managerId, "m", "M", Role.MANAGER, team, "", true));

		assertThatThrownBy(() -> quotas.set(manager, List
			.of(new SetQuota(outsider, PeriodType.MONTH, LocalDate.parse("2030-11-01"), BigDecimal.TEN, "EUR"))))
			.isInstanceOf(NotFoundException.class);
		assertThat(stored(outsider)).isEmpty();
		assertThat(quotas.quotaUsers(manager, null)).extracting(QuotaService.QuotaUser::id)
			.containsExactlyInAnyOrder(rep, managerId);
		Visibility own = Visibility.of(new CrmUser(rep, "r", "R", Role.SALES_REP, team, "", true));
		assertThat(quotas.grid(own, null, 2030, PeriodType.QUARTER).rows()).extracting(QuotaGrid.Row::userId)
			.containsExactly(rep);
	}

	@Test
	void aQuotaRefusesANegativeAmountOrACurrencyThatIsNotThreeLetters() {
		assertThatThrownBy(
				() -> new Quota(1, PeriodType.MONTH, LocalDate.parse("2030-11-17"), new BigDecimal("-0.01"), "EUR"))
			.isInstanceOf(RuleViolationException.class)
			.hasFieldOrPropertyWithValue("code", "money.amount.negative");
		Quota quota = new Quota(1, PeriodType.MONTH, LocalDate.parse("2030-11-17"), BigDecimal.TEN, "eur");
		assertThatThrownBy(() -> quota.change(BigDecimal.ONE, "EU")).isInstanceOf(RuleViolationException.class)
			.hasFieldOrPropertyWithValue("code", "money.currency.invalid");
	}

	@Test
	void aCellSavedWithAStaleVersionConflictsAndKeepsTheNewerAmount() {
		var rows = new SalesRows(jdbc);
		long rep = rows.user("SALES_REP", null);
		LocalDate day = LocalDate.parse("2030-11-01");
		quotas.set(Visibility.all(),
				List.of(new SetQuota(rep, PeriodType.MONTH, day, new BigDecimal("100"), "EUR", -1L)));
		quotas.set(Visibility.all(),
				List.of(new SetQuota(rep, PeriodType.MONTH, day, new BigDecimal("200"), "EUR", 0L)));

		assertThatThrownBy(() -> quotas.set(Visibility.all(),
				List.of(new SetQuota(rep, PeriodType.MONTH, day, new BigDecimal("300"), "EUR", 0L))))
			.isInstanceOf(StaleEditException.class);
		assertThatThrownBy(() -> quotas.set(Visibility.all(),
				List.of(new SetQuota(rep, PeriodType.QUARTER, day, new BigDecimal("300"), "EUR", 3L))))
			.isInstanceOf(StaleEditException.class);
		assertThat(stored(rep)).containsExactly(new Stored("MONTH", day, new BigDecimal("200.00"), "EUR", 1));
	}

	private List<Stored> stored(long user) {
		return jdbc.sql("""
				select period_type, period_start, amount, currency, version from quotas
				where user_id = ? order by period_type, period_start
				""").param(user).query(Stored.class).list();
	}

}
