package org.opencrm.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.opencrm.core.health.CustomerHealth.Band;
import org.opencrm.core.port.AccountSignals;

/** The score rule on hand-worked examples (no database: the rule is pure). */
class HealthScoringTest {

	static final LocalDate TODAY = LocalDate.of(2030, 11, 14);

	@Test
	void aSteadyCustomerScoresTheSumOfItsFactors() {
		// 50 base + 10 (last purchase 120 days ago) + 5 (2 deals) + 5 (30k) - 10 (1
		// complaint) - 5 (1 breach)
		// + 10 (8 engagements) + 0 (trend 4 → 4) = 65
		var s = new AccountSignals(1, TODAY.minusDays(120), 2, new BigDecimal("30000"), 1, 1, 2, 1, 1, 4, 4);
		var c = HealthScoring.score(s, TODAY, "EUR");
		assertThat(c.score()).isEqualTo(65);
		assertThat(c.band()).isEqualTo(Band.WATCH);
		assertThat(c.factors()).extracting(HealthFactor::code, HealthFactor::points)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("base", 50),
					org.assertj.core.groups.Tuple.tuple("recency", 10),
					org.assertj.core.groups.Tuple.tuple("frequency", 5),
					org.assertj.core.groups.Tuple.tuple("monetary", 5),
					org.assertj.core.groups.Tuple.tuple("complaints", -10),
					org.assertj.core.groups.Tuple.tuple("sla", -5),
					org.assertj.core.groups.Tuple.tuple("engagement", 10),
					org.assertj.core.groups.Tuple.tuple("trend", 0));
		assertThat(c.factors().get(1).detail()).isEqualTo("last won deal 120 days ago (2030-07-17)");
		assertThat(c.rfm()).isEqualTo(RfmSegment.POTENTIAL);
	}

	@Test
	void clampingIsAVisibleFactorSoThePointsStillAddUp() {
		var best = new AccountSignals(1, TODAY, 9, new BigDecimal("500000"), 0, 0, 10, 10, 0, 20, 1);
		var worst = new AccountSignals(2, TODAY.minusDays(1000), 1, BigDecimal.ONE, 5, 9, 0, 0, 0, 0, 6);
		var high = HealthScoring.score(best, TODAY, "EUR");
		var low = HealthScoring.score(worst, TODAY, "EUR");
		assertThat(high.score()).isEqualTo(100);
		assertThat(high.factors()).last()
			.extracting(HealthFactor::code, HealthFactor::points)
			.containsExactly("clamp", -5);
		assertThat(low.score()).isZero();
		// 50 - 15 + 2 + 2 - 30 - 20 - 10 - 10 = -31
		assertThat(low.factors()).last()
			.extracting(HealthFactor::code, HealthFactor::points)
			.containsExactly("clamp", 31);
		for (var c : new HealthScoring.Computed[] { high, low }) {
			assertThat(c.factors().stream().mapToInt(HealthFactor::points).sum()).isEqualTo(c.score());
		}
		assertThat(low.band()).isEqualTo(Band.AT_RISK);
	}

	@Test
	void bandsSplitAtSeventyAndForty() {
		assertThat(HealthScoring.band(70)).isEqualTo(Band.HEALTHY);
		assertThat(HealthScoring.band(69)).isEqualTo(Band.WATCH);
		assertThat(HealthScoring.band(40)).isEqualTo(Band.WATCH);
		assertThat(HealthScoring.band(39)).isEqualTo(Band.AT_RISK);
	}

	@Test
	void rfmSegmentsFollowTheFirstRuleThatHolds() {
		BigDecimal small = BigDecimal.TEN;
		assertThat(RfmSegment.of(null, 0, BigDecimal.ZERO)).isEqualTo(RfmSegment.NO_PURCHASES);
		assertThat(RfmSegment.of(90, 4, small)).isEqualTo(RfmSegment.CHAMPIONS);
		assertThat(RfmSegment.of(10, 1, new BigDecimal("50000"))).isEqualTo(RfmSegment.CHAMPIONS);
		assertThat(RfmSegment.of(10, 1, small)).isEqualTo(RfmSegment.NEW);
		assertThat(RfmSegment.of(91, 3, small)).isEqualTo(RfmSegment.LOYAL);
		assertThat(RfmSegment.of(60, 2, small)).isEqualTo(RfmSegment.POTENTIAL);
		assertThat(RfmSegment.of(180, 1, small)).isEqualTo(RfmSegment.POTENTIAL);
		assertThat(RfmSegment.of(181, 2, small)).isEqualTo(RfmSegment.AT_RISK);
		assertThat(RfmSegment.of(365, 1, small)).isEqualTo(RfmSegment.HIBERNATING);
		assertThat(RfmSegment.of(366, 9, small)).isEqualTo(RfmSegment.LOST);
	}

}
