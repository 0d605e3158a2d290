package org.opencrm.marketing.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.opencrm.marketing.Fixtures.account;
import static org.opencrm.marketing.Fixtures.template;
import static org.opencrm.marketing.Fixtures.unique;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.opencrm.marketing.MarketingTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Campaign performance over a range of 2015 (a year no other test uses): sends in the
 * range with their opens and clicks, attributed revenue in the most used currency, the
 * rest counted apart.
 */
class CampaignPerformanceQueryTest extends MarketingTest {

	@Autowired
	CampaignPerformanceQuery performance;

	@Test
	void sendsOpensClicksAndAttributedRevenueInOneCurrencyPerCampaign() {
		String u = unique();
		long template = template(jdbc, "Perf " + u);
		long acme = account(jdbc, "Perf Acme " + u);
		long k1 = campaign("Perf K1 " + u);
		long k2 = campaign("Perf K2 " + u);
		long quiet = campaign("Perf quiet " + u);
		// K1: four sent in March (two opened, one of them clicked), one failed, one sent
		// before the range.
		send(k1, template, "SENT", "2015-03-02T09:00:00Z", true, true);
		send(k1, template, "SENT", "2015-03-02T09:00:00Z", true, false);
		send(k1, template, "SENT", "2015-03-02T09:00:00Z", false, false);
		send(k1, template, "SENT", "2015-03-02T09:00:00Z", false, false);
		send(k1, template, "FAILED", null, false, false);
		send(k1, template, "SENT", "2014-12-31T09:00:00Z", true, true);
		// K2: two sent in May; the quiet campaign only sent after the range.
		send(k2, template, "SENT", "2015-05-02T09:00:00Z", false, false);
		send(k2, template, "SENT", "2015-05-02T09:00:00Z", true, false);
		send(quiet, template, "SENT", "2016-01-02T09:00:00Z", true, false);
		// Won in the range: 1 000 EUR (first K1, last K2), 500 EUR (K1 both), 700 USD (K2
		// both); one after it.
		attribution(acme, "1000", "EUR", "2015-04-01", k1, k2);
		attribution(acme, "500", "EUR", "2015-04-02", k1, k1);
		attribution(acme, "700", "USD", "2015-04-03", k2, k2);
		attribution(acme, "300", "EUR", "2016-01-05", k2, k2);

		CampaignPerformance p = performance.performance(LocalDate.of(2015, 1, 1), LocalDate.of(2015, 12, 31),
				ZoneOffset.UTC, 10);

		assertThat(p.revenueCurrency()).isEqualTo("EUR");
		assertThat(p.campaigns())
			.extracting(CampaignPerformance.Campaign::campaignId, CampaignPerformance.Campaign::sent,
					CampaignPerformance.Campaign::opened, CampaignPerformance.Campaign::clicked,
					CampaignPerformance.Campaign::firstTouchRevenue, CampaignPerformance.Campaign::lastTouchRevenue,
					CampaignPerformance.Campaign::otherCurrencyDeals)
			.containsExactly(tuple(k1, 4L, 2L, 1L, new BigDecimal("1500.00"), new BigDecimal("500.00"), 0L),
					tuple(k2, 2L, 1L, 0L, new BigDecimal("0"), new BigDecimal("1000.00"), 1L));
	}

	private long campaign(String name) {
		return jdbc.sql("insert into campaigns (name, type, status) values (?, 'EMAIL', 'SENT') returning id")
			.param(name)
			.query(Long.class)
			.single();
	}

	private void send(long campaign, long template, String status, String sentAt, boolean opened, boolean clicked) {
		Timestamp at = sentAt == null ? null : Timestamp.from(Instant.parse(sentAt));
		jdbc.sql(
				"""
						insert into email_sends (campaign_id, template_id, email, message_id, status, sent_at, opened_at, clicked_at)
						values (?, ?, ?, ?, ?, ?, ?, ?)
						""")
			.params(campaign, template, unique() + "@perf.example", "<" + unique() + "@perf>", status, at,
					opened ? at : null, clicked ? at : null)
			.update();
	}

	private void attribution(long account, String amount, String currency, String wonOn, long first, long last) {
		jdbc.sql(
				"""
						insert into campaign_attributions (opportunity_id, account_id, amount, currency, won_on, first_campaign_id,
						  last_campaign_id)
						values ((select coalesce(max(opportunity_id), 0) + 1 from campaign_attributions), ?, ?, ?, ?, ?, ?)
						""")
			.params(account, new BigDecimal(amount), currency, LocalDate.parse(wonOn), first, last)
			.update();
	}

}
