package org.opencrm.marketing.campaign;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A campaign's results. {@code delivered} counts messages the SMTP server accepted and
 * that did not bounce (bounces are known only as SMTP refusals at send time);
 * {@code unknown} are those in doubt after a crash. Opens and clicks are unique per
 * recipient. Revenue is won deal amounts attributed first-touch and last-touch, in
 * {@code revenueCurrency} only (the budget's currency, else the one most attributed deals
 * use); {@code otherCurrencyDeals} counts attributed deals in other currencies, which are
 * never added in.
 */
public record CampaignReport(long recipients, long pending, long sent, long delivered, long failed, long unknown,
		long opened, long clicked, long unsubscribed, long leads, long opportunities, BigDecimal firstTouchRevenue,
		BigDecimal lastTouchRevenue, String revenueCurrency, long otherCurrencyDeals, BigDecimal budget,
		String currency) {

	/** Budget over leads; null when there is no budget or no lead yet. */
	public BigDecimal costPerLead() {
		return budget == null || leads == 0 ? null : budget.divide(BigDecimal.valueOf(leads), 2, RoundingMode.HALF_UP);
	}

	public double openRate() {
		return sent == 0 ? 0 : 100.0 * opened / sent;
	}

	public double clickRate() {
		return sent == 0 ? 0 : 100.0 * clicked / sent;
	}
}
