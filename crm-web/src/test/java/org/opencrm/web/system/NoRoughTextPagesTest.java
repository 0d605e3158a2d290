package org.opencrm.web.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencrm.web.Logins.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.util.concurrent.ThreadLocalRandom;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.opencrm.core.user.UserService;
import org.opencrm.marketing.send.SendProgress;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Pages never show a literal {@code null}, an unmerged merge field, a raw code or two
 * figures that contradict each other (issue 15): each case as a user met it.
 */
@WebIntegrationTest
class NoRoughTextPagesTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SendProgress progress;

	final String u = unique();

	@Test
	void aCampaignWithoutDatesSaysSoInsteadOfNullDashNull() throws Exception {
		long campaign = jdbc.sql("insert into campaigns (name, type) values (?, 'EVENT') returning id")
			.param("Undated " + u)
			.query(Long.class)
			.single();
		long dated = jdbc
			.sql("insert into campaigns (name, type, starts_on) values (?, 'EVENT', date '2030-05-01') returning id")
			.param("Half dated " + u)
			.query(Long.class)
			.single();

		Document page = Jsoup.parse(page("/marketing/campaigns/" + campaign, "marketer"));
		assertThat(page.selectFirst("#campaign-dates").text()).isEqualTo("No dates set");
		assertThat(page.body().text()).doesNotContain("null");
		assertThat(Jsoup.parse(page("/marketing/campaigns/" + dated, "marketer")).selectFirst("#campaign-dates").text())
			.isEqualTo("2030-05-01 – …");
	}

	@Test
	void theTimelineShowsTheSubjectAsTheRecipientGotItWithItsFieldsFilledIn() throws Exception {
		long contact = jdbc.sql("""
				insert into contacts (first_name, last_name, email, lifecycle_stage)
				values ('Rosalind', ?, ?, 'CUSTOMER') returning id""")
			.params("Ferrante " + u, u + "@rosalind.example")
			.query(Long.class)
			.single();
		long template = jdbc
			.sql("""
					insert into email_templates (name, subject, html_body, text_body)
					values (?, 'Hello {{contact.firstName}}, a word from {{owner.fullName}}', '<p>Hi</p>', 'Hi') returning id""")
			.param("Greeting " + u)
			.query(Long.class)
			.single();
		long campaign = jdbc
			.sql("insert into campaigns (name, type, status, template_id) values (?, 'EMAIL', 'SENT', ?) returning id")
			.params("Greeting campaign " + u, template)
			.query(Long.class)
			.single();
		jdbc.sql("""
				insert into email_sends (campaign_id, template_id, contact_id, email, message_id, status, sent_at)
				values (?, ?, ?, ?, ?, 'SENT', now())""")
			.params(campaign, template, contact, u + "@rosalind.example", "<" + u + "@crm.test>")
			.update();

		while (progress.recordTouches(500) > 0) {
			// every sent mail onto its timeline, this one among them
		}

		String page = Jsoup.parse(page("/contacts/" + contact, "admin")).body().text();
		assertThat(page).contains("Hello Rosalind, a word from").doesNotContain("{{");
	}

	@Test
	void theCustomerRevenueReportNamesStagesAndSegmentsByTheirLabels() throws Exception {
		long owner = jdbc.sql("""
				insert into users (username, full_name, password_hash, role)
				values (?, ?, '{noop}unused', 'SALES_REP') returning id""")
			.params("rough" + u, "Rough " + u)
			.query(Long.class)
			.single();
		long account = jdbc
			.sql("insert into accounts (name, lifecycle_stage, owner_id) values (?, 'LEAD', ?) returning id")
			.params("Champion " + u, owner)
			.query(Long.class)
			.single();
		jdbc.sql("""
				insert into customer_health (account_id, score, band, rfm_segment, monetary, computed_at)
				values (?, 80, 'HEALTHY', 'CHAMPIONS', 90000, now())""").param(account).update();

		Document page = Jsoup.parse(page("/reports/customer-revenue?user=" + owner, "admin"));
		String row = page.select("tr")
			.stream()
			// By name: the id column is a number with grouping ("1,204") once ids pass
			// 999.
			.filter(tr -> tr.text().contains("Champion " + u))
			.findFirst()
			.orElseThrow()
			.text();
		assertThat(row).contains("Lead").contains("Champions").doesNotContain("LEAD").doesNotContain("CHAMPIONS");
	}

	@Test
	void theSatisfactionAverageSitsUnderItsHeadingAndCountsOneAnswerInTheSingular() throws Exception {
		long contact = jdbc.sql("""
				insert into contacts (first_name, last_name, email, lifecycle_stage)
				values ('Sol', ?, ?, 'CUSTOMER') returning id""")
			.params("Rated " + u, u + "@sol.example")
			.query(Long.class)
			.single();
		jdbc.sql("""
				insert into csat_surveys (ticket_id, ticket_number, ticket_subject, contact_id, resolved_at, rating,
				                          first_rated_at, rated_at)
				values (?, 'T-1', 'Rated', ?, now() - interval '1 day', 4, now(), now())""")
			.params(ThreadLocalRandom.current().nextLong(1_000_000_000L, 2_000_000_000L), contact)
			.update();

		Element card = Jsoup.parse(page("/contacts/" + contact, "admin")).selectFirst("#dashboard-csat");
		assertThat(card.selectFirst("#csat-average").text()).endsWith(" of 5 (one answer)");
		// The card opens with a heading, and the average stands under "satisfaction".
		assertThat(card.select("h2, p").first().tagName()).isEqualTo("h2");
		assertThat(card.selectFirst("#csat-average").previousElementSibling().text())
			.isEqualTo("Recent satisfaction ratings");
	}

	@Test
	void aNewSegmentOpensWithoutProblemsTheUserDidNotMake() throws Exception {
		String page = page("/marketing/segments/new", "marketer");
		assertThat(page).doesNotContain("Give at least one value");
	}

	@Test
	void aCampaignWhoseTouchesWonADealCountsThatOpportunity() throws Exception {
		long campaign = jdbc.sql("insert into campaigns (name, type) values (?, 'EVENT') returning id")
			.param("Won " + u)
			.query(Long.class)
			.single();
		long account = jdbc.sql("insert into accounts (name, lifecycle_stage) values (?, 'CUSTOMER') returning id")
			.param("Buyer " + u)
			.query(Long.class)
			.single();
		jdbc.sql(
				"""
						insert into campaign_attributions (opportunity_id, account_id, amount, currency, won_on, first_campaign_id,
						                                   last_campaign_id)
						values (?, ?, ?, 'EUR', current_date, ?, ?)""")
			.params(ThreadLocalRandom.current().nextLong(3_000_000_000L, 4_000_000_000L), account,
					new BigDecimal("250000.00"), campaign, campaign)
			.update();

		String report = Jsoup.parse(page("/marketing/campaigns/" + campaign, "marketer"))
			.selectFirst("#campaign-report")
			.text();
		assertThat(report).contains("Opportunities 1 ").containsPattern("250.000");
	}

	private String page(String path, String user) throws Exception {
		return mvc.perform(get(path).with(as(users, user)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	private static String unique() {
		StringBuilder s = new StringBuilder();
		for (int i = 0; i < 8; i++) {
			s.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
		}
		return s.toString();
	}

}
