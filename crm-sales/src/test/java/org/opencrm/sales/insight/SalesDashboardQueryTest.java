package org.opencrm.sales.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.Role;
import org.opencrm.core.user.Visibility;
import org.opencrm.sales.SalesRows;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The dashboard's pipeline by stage and win rate by month on a fixed set of deals: a team
 * of two reps (Ada, Ben) and a rep of another team (Cy), in a pipeline of their own;
 * figures by hand.
 */
@SpringBootTest
class SalesDashboardQueryTest {

	@Autowired
	SalesDashboardQuery dashboard;

	@Autowired
	JdbcClient jdbc;

	long team;

	long ada;

	long ben;

	long cy;

	SalesRows.Stages stages;

	@BeforeEach
	void givenDealsOfATeamAndOfAnother() {
		SalesRows rows = new SalesRows(jdbc);
		team = rows.team();
		ada = rows.user("SALES_REP", team);
		ben = rows.user("SALES_REP", team);
		cy = rows.user("SALES_REP", rows.team());
		stages = rows.pipeline();
		long account = rows.account();
		// Open: Ada 2 000 in Qualify (10 %) and 10 000 in Propose (40 %); Ben 1 000 USD
		// in Negotiate (70 %).
		rows.deal(stages, ada, account).open(stages.qualify(), "PIPELINE").amount("2000").insert();
		rows.deal(stages, ada, account).open(stages.propose(), "COMMIT").amount("10000").insert();
		rows.deal(stages, ben, account).open(stages.negotiate(), "COMMIT").amount("1000").currency("USD").insert();
		rows.deal(stages, cy, account).open(stages.propose(), "COMMIT").amount("5000").insert();
		// Closed: Ada won 10 Oct (before the range) and lost 2 Nov; Ben won on 30 Nov
		// late; Cy won in Nov.
		rows.deal(stages, ada, account).won(Instant.parse("2030-10-10T10:00:00Z")).insert();
		rows.deal(stages, ada, account).lost(Instant.parse("2030-11-02T10:00:00Z"), "Price").insert();
		rows.deal(stages, ben, account).won(Instant.parse("2030-11-30T23:00:00Z")).insert();
		rows.deal(stages, cy, account).won(Instant.parse("2030-11-11T10:00:00Z")).insert();
	}

	@Test
	void pipelineByStageSumsOpenDealsPerStageAndCurrencyWeightedByProbability() {
		assertThat(dashboard.pipelineByStage(Visibility.all(), team, stages.pipeline()))
			.extracting(StageFigures::stageId, StageFigures::currency, StageFigures::deals, StageFigures::amount,
					StageFigures::weighted)
			.containsExactly(tuple(stages.qualify(), "EUR", 1L, new BigDecimal("2000.00"), new BigDecimal("200.00")),
					tuple(stages.propose(), "EUR", 1L, new BigDecimal("10000.00"), new BigDecimal("4000.00")),
					tuple(stages.negotiate(), "USD", 1L, new BigDecimal("1000.00"), new BigDecimal("700.00")));
	}

	@Test
	void aRepsPipelineHasEveryStageEvenWithoutDeals() {
		Visibility own = Visibility.of(new CrmUser(ada, "ada", "Ada", Role.SALES_REP, team, "", true));
		assertThat(dashboard.pipelineByStage(own, null, stages.pipeline()))
			.extracting(StageFigures::stageId, StageFigures::currency, StageFigures::deals, StageFigures::amount)
			.containsExactly(tuple(stages.qualify(), "EUR", 1L, new BigDecimal("2000.00")),
					tuple(stages.propose(), "EUR", 1L, new BigDecimal("10000.00")),
					tuple(stages.negotiate(), null, 0L, BigDecimal.ZERO));
	}

	@Test
	void winRateCountsDealsByTheMonthTheyClosedClippedToTheRange() {
		assertThat(dashboard.winRateByMonth(Visibility.all(), team, LocalDate.of(2030, 10, 15),
				LocalDate.of(2030, 12, 31), ZoneOffset.UTC))
			.extracting(MonthWinRate::month, MonthWinRate::from, MonthWinRate::to, MonthWinRate::won,
					MonthWinRate::lost, MonthWinRate::winRatePercent)
			.containsExactly(
					tuple(java.time.YearMonth.of(2030, 10), LocalDate.of(2030, 10, 15), LocalDate.of(2030, 10, 31), 0L,
							0L, null),
					tuple(java.time.YearMonth.of(2030, 11), LocalDate.of(2030, 11, 1), LocalDate.of(2030, 11, 30), 1L,
							1L, new BigDecimal("50.0")),
					tuple(java.time.YearMonth.of(2030, 12), LocalDate.of(2030, 12, 1), LocalDate.of(2030, 12, 31), 0L,
							0L, null));
	}

	@Test
	void theMonthIsTheOneInTheGivenTimeZone() {
		// Ben's win at 23:00 UTC on 30 Nov is 1 December in Berlin.
		var berlin = dashboard.winRateByMonth(Visibility.all(), team, LocalDate.of(2030, 11, 1),
				LocalDate.of(2030, 12, 31), java.time.ZoneId.of("Europe/Berlin"));
		assertThat(berlin).extracting(MonthWinRate::won, MonthWinRate::lost)
			.containsExactly(tuple(0L, 1L), tuple(1L, 0L));
	}

}
