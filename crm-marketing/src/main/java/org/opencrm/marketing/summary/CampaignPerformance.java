package org.opencrm.marketing.summary;

import java.math.BigDecimal;
import java.util.List;

/**
 * Campaigns' results over a date range: e-mails sent in it (and how many of those were
 * opened and clicked, unique per recipient), and the won revenue attributed to each
 * campaign (deals won in the range) first-touch and last-touch. Revenue is in one
 * currency only, {@code revenueCurrency}: the one most attributed deals of the range use
 * (null when none); deals in other currencies are never added in but counted per campaign
 * in {@code otherCurrencyDeals}.
 */
public record CampaignPerformance(String revenueCurrency, List<Campaign> campaigns) {

	public record Campaign(long campaignId, String name, long sent, long opened, long clicked,
			BigDecimal firstTouchRevenue, BigDecimal lastTouchRevenue, long otherCurrencyDeals) {
	}
}
