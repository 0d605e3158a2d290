package org.opencrm.marketing.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencrm.marketing.Fixtures.template;
import static org.opencrm.marketing.Fixtures.unique;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencrm.core.report.ReportFilter;
import org.opencrm.core.report.ReportRow;
import org.opencrm.core.report.Reports;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.Role;
import org.opencrm.core.user.Visibility;
import org.opencrm.marketing.MarketingTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Campaigns of Mia (one team) and Max (another) around May 2030, with their outbox rows,
 * leads and attributed deals inserted as the send workers and attribution would leave
 * them; the funnel runs over 1–31 May. Expected figures in the comments.
 */
class CampaignFunnelReportTest extends MarketingTest {

	static final CrmUser ADMIN = new CrmUser(0, "admin", "Admin", Role.ADMIN, null, null, true);

	static final ReportFilter MAY = new ReportFilter(LocalDate.of(2030, 5, 1), LocalDate.of(2030, 5, 31), null, null);

	@Autowired
	Reports reports;

	@Autowired
	CampaignService campaigns;

	@Autowired
	CampaignAttribution attribution;

	long team;

	long mia;

	long k1;

	long k2;

	@BeforeEach
	void givenCampaignsWithSendsLeadsAndWonDeals() {
		String u = unique();
		team = jdbc.sql("insert into teams (name) values (?) returning id")
			.param("Team " + u)
			.query(Long.class)
			.single();
		mia = user(team);
		long max = user(jdbc.sql("insert into teams (name) values (?) returning id")
			.param("Other " + u)
			.query(Long.class)
			.single());
		long template = template(jdbc, "T " + u);
		// K1, Mia's, budget in EUR, started sending 10 May: 5 recipients — 3 sent (3
		// opened, 2 clicked, 1
		// unsubscribed), 1 failed, 1 pending.
		k1 = campaign("K1 " + u, mia, new BigDecimal("900"), "EUR", "2030-05-10T08:00:00Z", null);
		outbox(k1, template, "SENT", true, true, false);
		outbox(k1, template, "SENT", true, false, false);
		outbox(k1, template, "SENT", true, true, true);
		outbox(k1, template, "FAILED", false, false, false);
		outbox(k1, template, "PENDING", false, false, false);
		// K2, Mia's event on 20 May: no e-mail, no budget.
		k2 = campaign("K2 " + u, mia, null, null, null, "2030-05-20");
		// Max's campaign (another team) and Mia's that started in April: not in the
		// report.
		campaign("K3 " + u, max, null, null, "2030-05-12T08:00:00Z", null);
		campaign("K4 " + u, mia, null, null, "2030-04-30T08:00:00Z", null);
		// K1 brought 3 leads, one converted into an opportunity.
		long lead = 8_000_000L + Math.abs(u.hashCode() % 1_000_000) * 10L;
		attribution.leadCreated(lead, k1);
		attribution.leadCreated(lead + 1, k1);
		attribution.leadConverted(lead + 2, k1, 9_100_001L);
		// Won deals: 10 000 EUR first K1 last K2; 2 500 EUR first K2 last K1; 700 USD K1
		// both (K1
		// reports in its budget's EUR, so the dollars stay out).
		attributed(lead, "10000", "EUR", k1, k2);
		attributed(lead + 1, "2500", "EUR", k2, k1);
		attributed(lead + 2, "700", "USD", k1, k1);
	}

	@Test
	void theFunnelCountsEachStepAndItsConversionAsTheCampaignReportDoes() {
		List<ReportRow> rows = run(new ReportFilter(MAY.from(), MAY.to(), team, null));

		assertThat(rows).hasSize(3);
		// Newest first: K2 (20 May), then K1 (10 May), then the total.
		ReportRow two = rows.get(0);
		ReportRow one = rows.get(1);
		assertThat(two.get(0)).asString().startsWith("K2 ");
		assertThat(one.get(0)).asString().startsWith("K1 ");
		assertThat(one.get(2)).isEqualTo(LocalDate.of(2030, 5, 10));

		// K1: 5 recipients, 3 sent = delivered, 1 failed, 3 opened, 2 clicked, 1
		// unsubscribed, 3 leads, 4 opportunities (its converted lead's and the three won
		// deals it touched: never 0 beside won revenue); first touch 10 000, last touch
		// 2 500 (EUR); 3/5 = 60 %, 3/3 = 100 %, 2/3 = 66.7 %, 3/2 = 150 %, 4/3 = 133.3 %.
		assertCounts(one, 5, 3, 3, 1, 3, 2, 1, 3, 4);
		assertThat(one.get(12)).isEqualTo("EUR");
		assertThat((BigDecimal) one.get(13)).isEqualByComparingTo("10000");
		assertThat((BigDecimal) one.get(14)).isEqualByComparingTo("2500");
		assertRates(one, "60.0", "100.0", "66.7", "150.0", "133.3");

		// K2: no e-mail, no leads, the 2 won deals it touched; revenue in EUR, the
		// currency of all its deals: first 2 500, last 10 000.
		assertCounts(two, 0, 0, 0, 0, 0, 0, 0, 0, 2);
		assertThat(two.get(12)).isEqualTo("EUR");
		assertThat((BigDecimal) two.get(13)).isEqualByComparingTo("2500");
		assertThat((BigDecimal) two.get(14)).isEqualByComparingTo("10000");
		assertRates(two, null, null, null, null, null);

		// Total: the counts added up, and the revenue too since both report in EUR.
		ReportRow total = rows.get(2);
		assertThat(total.total()).isTrue();
		assertCounts(total, 5, 3, 3, 1, 3, 2, 1, 3, 6);
		assertThat(total.get(12)).isEqualTo("EUR");
		assertThat((BigDecimal) total.get(13)).isEqualByComparingTo("12500");
		assertThat((BigDecimal) total.get(14)).isEqualByComparingTo("12500");
		assertRates(total, "60.0", "100.0", "66.7", "150.0", "200.0");

		// The same figures as the campaign's own report.
		CampaignReport own = campaigns.report(k1);
		assertThat(List.of(one.get(3), one.get(5), one.get(7), one.get(8), one.get(10), one.get(11))).containsExactly(
				own.recipients(), own.delivered(), own.opened(), own.clicked(), own.leads(), own.opportunities());
		assertThat((BigDecimal) one.get(13)).isEqualByComparingTo(own.firstTouchRevenue());
		assertThat((BigDecimal) one.get(14)).isEqualByComparingTo(own.lastTouchRevenue());
	}

	@Test
	void theOwnerFilterAndTheDatesPickTheCampaigns() {
		assertThat(run(new ReportFilter(MAY.from(), MAY.to(), null, mia))).filteredOn(r -> !r.total())
			.extracting(r -> r.get(0))
			.allMatch(name -> name.toString().startsWith("K1 ") || name.toString().startsWith("K2 "));
		// April's last day only: K4.
		List<ReportRow> april = run(new ReportFilter(LocalDate.of(2030, 4, 30), LocalDate.of(2030, 4, 30), team, null));
		assertThat(april).hasSize(2);
		assertThat(april.get(0).get(0)).asString().startsWith("K4 ");
	}

	private List<ReportRow> run(ReportFilter filter) {
		List<ReportRow> rows = new ArrayList<>();
		reports.stream(reports.get("campaign-funnel", ADMIN), reports.resolve(filter), Visibility.all(), rows::add);
		return rows;
	}

	private static void assertCounts(ReportRow row, long... counts) {
		for (int i = 0; i < counts.length; i++) {
			assertThat(row.get(3 + i)).as("column " + (3 + i)).isEqualTo(counts[i]);
		}
	}

	private static void assertRates(ReportRow row, String... rates) {
		for (int i = 0; i < rates.length; i++) {
			if (rates[i] == null) {
				assertThat(row.get(15 + i)).as("rate " + i).isNull();
			}
			else {
				assertThat((BigDecimal) row.get(15 + i)).as("rate " + i).isEqualByComparingTo(rates[i]);
			}
		}
	}

	private long user(long teamId) {
		String u = unique();
		return jdbc.sql("""
				insert into users (username, full_name, password_hash, role, team_id)
				values (?, ?, '{noop}unused', 'MARKETER', ?) returning id
				""").params("mk" + u, "Marketer " + u, teamId).query(Long.class).single();
	}

	private long campaign(String name, long owner, BigDecimal budget, String currency, String sendingStarted,
			String startsOn) {
		return jdbc.sql("""
				insert into campaigns (name, type, status, budget, currency, owner_id, sending_started_at, starts_on,
				                       created_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, '2030-01-01T00:00:00Z') returning id
				""")
			.params(name, sendingStarted == null ? "EVENT" : "EMAIL", sendingStarted == null ? "DRAFT" : "SENT", budget,
					currency, owner, sendingStarted == null ? null : Timestamp.from(Instant.parse(sendingStarted)),
					startsOn == null ? null : LocalDate.parse(startsOn))
			.query(Long.class)
			.single();
	}

	private void outbox(long campaign, long template, String status, boolean opened, boolean clicked,
			boolean unsubscribed) {
		Timestamp at = Timestamp.from(Instant.parse("2030-05-10T09:00:00Z"));
		jdbc.sql("""
				insert into email_sends (campaign_id, template_id, email, message_id, status, sent_at, opened_at,
				                          clicked_at, unsubscribed_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?)
				""")
			.params(campaign, template, unique() + "@example.com", "<" + unique() + "@test>", status,
					"SENT".equals(status) ? at : null, opened ? at : null, clicked ? at : null,
					unsubscribed ? at : null)
			.update();
	}

	private void attributed(long opportunity, String amount, String currency, long first, long last) {
		jdbc.sql(
				"""
						insert into campaign_attributions (opportunity_id, account_id, amount, currency, won_on, first_campaign_id,
						                                   last_campaign_id)
						values (?, 1, ?, ?, '2030-05-25', ?, ?)
						""")
			.params(opportunity, new BigDecimal(amount), currency, first, last)
			.update();
	}

}
