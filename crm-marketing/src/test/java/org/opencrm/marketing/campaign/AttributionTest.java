package org.opencrm.marketing.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencrm.marketing.Fixtures.account;
import static org.opencrm.marketing.Fixtures.contact;
import static org.opencrm.marketing.Fixtures.template;
import static org.opencrm.marketing.Fixtures.unique;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.opencrm.core.event.DealWon;
import org.opencrm.marketing.MarketingTest;
import org.springframework.beans.factory.annotation.Autowired;

class AttributionTest extends MarketingTest {

	@Autowired
	CampaignService campaigns;

	@Autowired
	CampaignAttribution attribution;

	long campaign(String name, BigDecimal budget) {
		return campaigns.create(new CampaignCommand(name, CampaignType.EMAIL, budget, budget == null ? null : "EUR",
				null, null, null, null, 0));
	}

	void sent(long campaignId, long templateId, long contactId, String email, String at) {
		jdbc.sql("""
				insert into email_sends (campaign_id, template_id, contact_id, email, message_id, status, sent_at)
				values (?, ?, ?, ?, ?, 'SENT', ?)
				""")
			.params(campaignId, templateId, contactId, email, "<" + unique() + "@test>",
					Timestamp.from(Instant.parse(at)))
			.update();
	}

	@Test
	void wonRevenueGoesToTheFirstAndLastCampaignThatReachedTheAccountsPeopleBeforeTheWin() {
		String u = unique();
		long template = template(jdbc, "T " + u);
		long acme = account(jdbc, "Acme " + u);
		long globex = account(jdbc, "Globex " + u);
		long ann = contact(jdbc, "Ann", "ann-" + u + "@example.com", u, true, acme);
		long ben = contact(jdbc, "Ben", "ben-" + u + "@example.com", u, true, acme);
		long cat = contact(jdbc, "Cat", "cat-" + u + "@example.com", u, true, globex);
		long k1 = campaign("K1 " + u, new BigDecimal("900.00"));
		long k2 = campaign("K2 " + u, null);
		long k3 = campaign("K3 " + u, null);
		sent(k1, template, ann, "ann-" + u + "@example.com", "2030-01-10T09:00:00Z");
		sent(k2, template, ben, "ben-" + u + "@example.com", "2030-02-05T09:00:00Z");
		sent(k2, template, ann, "ann-" + u + "@example.com", "2030-02-06T09:00:00Z");
		// After the win: must not count.
		sent(k3, template, ann, "ann-" + u + "@example.com", "2030-03-16T00:00:00Z");
		sent(k2, template, cat, "cat-" + u + "@example.com", "2030-01-01T09:00:00Z");

		// Acme's deal names Ann, but Ben (same account) was reached by K2 later: first
		// K1, last K2.
		attribution.attribute(new DealWon(9_000_001L, acme, ann, 1L, new BigDecimal("10000.00"), "EUR",
				LocalDate.parse("2030-03-15"), null));
		attribution.attribute(new DealWon(9_000_002L, globex, cat, 1L, new BigDecimal("2500.00"), "EUR",
				LocalDate.parse("2030-03-15"), null));
		// Delivered twice (the event registry may resend): counted once.
		attribution.attribute(new DealWon(9_000_002L, globex, cat, 1L, new BigDecimal("2500.00"), "EUR",
				LocalDate.parse("2030-03-15"), null));
		attribution.leadCreated(7_000_001L, k1);
		attribution.leadCreated(7_000_002L, k1);
		attribution.leadConverted(7_000_003L, k1, 9_000_001L);
		attribution.leadCreated(7_000_002L, k1);

		CampaignReport r1 = campaigns.report(k1);
		CampaignReport r2 = campaigns.report(k2);
		CampaignReport r3 = campaigns.report(k3);
		assertThat(r1.firstTouchRevenue()).isEqualByComparingTo("10000.00");
		assertThat(r1.lastTouchRevenue()).isEqualByComparingTo("0");
		assertThat(r2.firstTouchRevenue()).isEqualByComparingTo("2500.00");
		assertThat(r2.lastTouchRevenue()).isEqualByComparingTo("12500.00");
		assertThat(r3.firstTouchRevenue()).isEqualByComparingTo("0");
		assertThat(r3.lastTouchRevenue()).isEqualByComparingTo("0");
		assertThat(r1.leads()).isEqualTo(3);
		assertThat(r1.opportunities()).isEqualTo(1);
		// K2 brought no lead but touched both won deals: 2 opportunities, never 0 beside
		// its 12,500 EUR won.
		assertThat(r2.opportunities()).isEqualTo(2);
		assertThat(r3.opportunities()).isZero();
		assertThat(r1.costPerLead()).isEqualByComparingTo("300.00");
		assertThat(r2.costPerLead()).isNull();
		assertThat(r2.sent()).isEqualTo(3);
	}

	@Test
	void revenueInAnotherCurrencyIsCountedApartNeverAddedIn() {
		String u = unique();
		long template = template(jdbc, "T " + u);
		long acme = account(jdbc, "Cur Acme " + u);
		long globex = account(jdbc, "Cur Globex " + u);
		long initech = account(jdbc, "Cur Initech " + u);
		long ann = contact(jdbc, "Ann", "cur-ann-" + u + "@example.com", u, true, acme);
		long ben = contact(jdbc, "Ben", "cur-ben-" + u + "@example.com", u, true, globex);
		long cid = contact(jdbc, "Cid", "cur-cid-" + u + "@example.com", u, true, initech);
		long k = campaign("Cur " + u, null);
		sent(k, template, ann, "cur-ann-" + u + "@example.com", "2030-01-10T09:00:00Z");
		sent(k, template, ben, "cur-ben-" + u + "@example.com", "2030-01-10T09:00:00Z");
		sent(k, template, cid, "cur-cid-" + u + "@example.com", "2030-01-10T09:00:00Z");

		attribution.attribute(new DealWon(9_200_001L, acme, ann, 1L, new BigDecimal("1000.00"), "EUR",
				LocalDate.parse("2030-02-01"), null));
		attribution.attribute(new DealWon(9_200_002L, globex, ben, 1L, new BigDecimal("500.00"), "EUR",
				LocalDate.parse("2030-02-01"), null));
		attribution.attribute(new DealWon(9_200_003L, initech, cid, 1L, new BigDecimal("7000.00"), "USD",
				LocalDate.parse("2030-02-01"), null));

		CampaignReport r = campaigns.report(k);
		assertThat(r.revenueCurrency()).isEqualTo("EUR");
		assertThat(r.firstTouchRevenue()).isEqualByComparingTo("1500.00");
		assertThat(r.lastTouchRevenue()).isEqualByComparingTo("1500.00");
		assertThat(r.otherCurrencyDeals()).isEqualTo(1);
	}

	@Autowired
	org.springframework.context.ApplicationEventPublisher events;

	@Autowired
	org.springframework.transaction.support.TransactionTemplate tx;

	@Test
	void salesEventsReachTheCampaignAfterCommit() {
		String u = unique();
		long k = campaign("Events " + u, new BigDecimal("100.00"));
		long acme = account(jdbc, "Events Acme " + u);
		long ann = contact(jdbc, "Ann", "ev-ann-" + u + "@example.com", u, true, acme);
		sent(k, template(jdbc, "T " + u), ann, "ev-ann-" + u + "@example.com", "2030-01-10T09:00:00Z");

		tx.executeWithoutResult(s -> {
			events.publishEvent(new org.opencrm.core.event.LeadCreated(8_000_001L, "x@example.com", "campaign", k, null,
					null, null, null, null, null, Instant.parse("2030-01-11T09:00:00Z")));
			events.publishEvent(
					new org.opencrm.core.event.LeadConverted(8_000_001L, "x@example.com", acme, ann, 9_100_001L, k));
			events.publishEvent(new DealWon(9_100_001L, acme, ann, 1L, new BigDecimal("4000.00"), "EUR",
					LocalDate.parse("2030-02-01"), k));
		});

		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() -> {
			CampaignReport r = campaigns.report(k);
			assertThat(r.leads()).isEqualTo(1);
			assertThat(r.opportunities()).isEqualTo(1);
			assertThat(r.firstTouchRevenue()).isEqualByComparingTo("4000.00");
			assertThat(r.lastTouchRevenue()).isEqualByComparingTo("4000.00");
			assertThat(r.costPerLead()).isEqualByComparingTo("100.00");
		});
	}

}
