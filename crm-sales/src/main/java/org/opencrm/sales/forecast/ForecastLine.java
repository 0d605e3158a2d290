package org.opencrm.sales.forecast;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One rep's (or, with {@code userId} null, the total's) figures for a period in one
 * currency. Forecast categories are not cumulative: commit, best case and pipeline each
 * sum the open deals in that category only. Weighted sums amount × stage probability of
 * every open deal not omitted.
 *
 * @param quota null when no quota in this currency is set
 * @param cycleDaysSum days from creation to close, summed over won deals (for the
 * average)
 * @param repGaps on a total line: the reps' gaps summed (null on a rep's line, or when no
 * rep has a quota)
 */
public record ForecastLine(Long userId, String userName, String currency, BigDecimal won, BigDecimal commit,
		BigDecimal bestCase, BigDecimal pipeline, BigDecimal weighted, BigDecimal quota, long wonCount, long lostCount,
		BigDecimal cycleDaysSum, BigDecimal repGaps) {

	/** Won ÷ quota in percent (one decimal), or null without a quota. */
	public BigDecimal attainmentPercent() {
		return quota == null || quota.signum() == 0 ? null
				: won.multiply(BigDecimal.valueOf(100)).divide(quota, 1, RoundingMode.HALF_UP);
	}

	/**
	 * What is left to reach the quota (never below zero), or null without a quota. On a
	 * total line, what the reps below their quota still need, summed: one rep above quota
	 * doesn't hide another's shortfall.
	 */
	public BigDecimal gap() {
		if (userId == null && repGaps != null) {
			return repGaps;
		}
		return quota == null ? null : quota.subtract(won).max(BigDecimal.ZERO);
	}

	private BigDecimal gapToSum() {
		return userId != null ? gap() : repGaps;
	}

	/**
	 * Won ÷ (won + lost) deals closed in the period, in percent (one decimal); null when
	 * none closed.
	 */
	public BigDecimal winRatePercent() {
		long closed = wonCount + lostCount;
		return closed == 0 ? null
				: BigDecimal.valueOf(wonCount * 100).divide(BigDecimal.valueOf(closed), 1, RoundingMode.HALF_UP);
	}

	/**
	 * Average days from creation to close of the won deals (one decimal); null when none
	 * was won.
	 */
	public BigDecimal averageCycleDays() {
		return wonCount == 0 ? null : cycleDaysSum.divide(BigDecimal.valueOf(wonCount), 1, RoundingMode.HALF_UP);
	}

	ForecastLine plus(ForecastLine o) {
		return new ForecastLine(null, null, currency, won.add(o.won), commit.add(o.commit), bestCase.add(o.bestCase),
				pipeline.add(o.pipeline), weighted.add(o.weighted),
				quota == null ? o.quota : o.quota == null ? quota : quota.add(o.quota), wonCount + o.wonCount,
				lostCount + o.lostCount, cycleDaysSum.add(o.cycleDaysSum), sum(gapToSum(), o.gapToSum()));
	}

	private static BigDecimal sum(BigDecimal a, BigDecimal b) {
		return a == null ? b : b == null ? a : a.add(b);
	}

	/** The same line with its quota set. */
	ForecastLine withQuota(BigDecimal amount) {
		return new ForecastLine(userId, userName, currency, won, commit, bestCase, pipeline, weighted, amount, wonCount,
				lostCount, cycleDaysSum, repGaps);
	}

	static ForecastLine empty(String currency) {
		BigDecimal z = BigDecimal.ZERO;
		return new ForecastLine(null, null, currency, z, z, z, z, z, null, 0, 0, z, null);
	}
}
