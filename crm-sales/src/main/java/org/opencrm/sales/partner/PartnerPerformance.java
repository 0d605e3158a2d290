package org.opencrm.sales.partner;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One partner's deals in one currency: open pipeline (open deals, closing in the period
 * when one is chosen), won revenue and win rate of the deals closed in the period, and
 * how many deals that makes.
 */
public record PartnerPerformance(long accountId, String accountName, PartnerType type, String currency,
		BigDecimal openPipeline, BigDecimal wonRevenue, long openDeals, long wonDeals, long lostDeals) {

	public long dealCount() {
		return openDeals + wonDeals + lostDeals;
	}

	/** Won ÷ (won + lost) in percent (one decimal), null when none closed. */
	public BigDecimal winRatePercent() {
		long closed = wonDeals + lostDeals;
		return closed == 0 ? null
				: BigDecimal.valueOf(wonDeals * 100).divide(BigDecimal.valueOf(closed), 1, RoundingMode.HALF_UP);
	}
}
