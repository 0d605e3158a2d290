package org.opencrm.web.journey;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Finding things in a real headless Chromium (issue 16, item 4): the search box finds
 * leads and deals beside accounts (and tickets for the service desk), each hit labelled
 * by its kind; the deal list filters by text; a phone number no one has offers a new
 * contact with it. Same application context as {@link BrowserJourneysTest}.
 */
class SearchJourneyTest extends Journey {

	@Autowired
	JdbcClient jdbc;

	/** A company name no demo record has. */
	final String company = "Marrowgate" + unique() + " Optics";

	@Test
	void aRepFindsTheLeadAndTheDealByNameFiltersTheDealsAndIsOfferedAContactForAnUnknownNumber() {
		long rep = userId("rep");
		long account = jdbc
			.sql("insert into accounts (name, lifecycle_stage, owner_id) values (?, 'CUSTOMER', ?) returning id")
			.params(company, rep)
			.query(Long.class)
			.single();
		long lead = jdbc.sql("""
				insert into leads (first_name, last_name, email, company, source, status, owner_id)
				values ('Zephyrine', 'Okonkwo', 'z.okonkwo@marrowgate.example', ?, 'Web', 'NEW', ?) returning id""")
			.params(company, rep)
			.query(Long.class)
			.single();
		long deal = jdbc
			.sql("""
					insert into opportunities (name, account_id, pipeline_id, stage_id, status, amount, currency, close_date,
					                           owner_id, forecast_category)
					select ?, ?, s.pipeline_id, s.id, 'OPEN', 18000, 'EUR', current_date + 30, ?, 'PIPELINE'
					from pipeline_stages s where s.kind = 'OPEN' and s.active order by s.pipeline_id, s.position limit 1
					returning id""")
			.params(company + " lens line", account, rep)
			.query(Long.class)
			.single();
		HeadlessChromium.signIn(page, "rep");

		// One search, every kind, each hit labelled.
		page.locator("#global-search").fill(company);
		page.locator("#global-search").press("Enter");
		assertThat(page).hasURL(Pattern.compile("/search\\?q="));
		Locator leadHit = page.locator("#search-leads li")
			.filter(new Locator.FilterOptions().setHas(page.locator("a[href='/leads/" + lead + "']")));
		assertThat(leadHit.locator(".badge")).hasText("Lead");
		assertThat(leadHit).containsText("Zephyrine Okonkwo");
		Locator dealHit = page.locator("#search-deals li")
			.filter(new Locator.FilterOptions().setHas(page.locator("a[href='/opportunities/" + deal + "']")));
		assertThat(dealHit.locator(".badge")).hasText("Deal");
		assertThat(dealHit).containsText(company + " lens line");
		assertThat(page.locator("#search-accounts a[href='/accounts/" + account + "']")).hasText(company);
		assertThat(page.locator("#search-tickets")).hasCount(0);
		page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("search.png")).setFullPage(true));
		dealHit.locator("a").click();
		assertThat(page.locator("main h1")).containsText(company + " lens line");

		// Sales → Deals, filtered by words of the deal's name.
		page.navigate("/opportunities");
		page.locator("#opportunity-filter [name=q]").fill(company.substring(0, 16));
		page.locator("#opportunity-filter button[type=submit]").click();
		assertThat(page.locator("#opportunities-table tbody tr")).hasCount(1);
		assertThat(page.locator("#opportunities-table tbody tr a[href='/opportunities/" + deal + "']")).isVisible();

		// A number no one has: a new contact with it, one click away.
		page.locator("#global-search").fill("+44 20 7946 0958");
		page.locator("#global-search").press("Enter");
		assertThat(page.locator("#search-new-contact a")).hasText("New contact with phone +44 20 7946 0958");
		page.locator("#search-new-contact a").click();
		assertThat(page).hasURL(Pattern.compile("/contacts/new\\?phone="));
		assertThat(page.locator("#contact-form [name=phone]")).hasValue("+44 20 7946 0958");
	}

	@Test
	void anAgentFindsTicketsByWordsOfTheirSubjectLabelledAsTickets() {
		long contact = jdbc.sql("""
				insert into contacts (first_name, last_name, email, lifecycle_stage)
				values ('Ilse', 'Varga', ?, 'CUSTOMER') returning id""")
			.param(unique() + "@customer.example")
			.query(Long.class)
			.single();
		long ticket = jdbc
			.sql("""
					insert into tickets (number, subject, type, priority, status, channel, contact_id, opened_at, queue_sort_at)
					values (?, ?, 'COMPLAINT', 'NORMAL', 'OPEN', 'PHONE', ?, now(), now() + interval '1 day') returning id""")
			.params("S-" + unique().toUpperCase(), company + " lenses fog up", contact)
			.query(Long.class)
			.single();
		HeadlessChromium.signIn(page, "agent");

		page.locator("#global-search").fill(company + " lenses");
		page.locator("#global-search").press("Enter");
		Locator hit = page.locator("#search-tickets li")
			.filter(new Locator.FilterOptions().setHas(page.locator("a[href='/service/tickets/" + ticket + "']")));
		assertThat(hit.locator(".badge").first()).hasText("Ticket");
		assertThat(hit).containsText(company + " lenses fog up");
		assertThat(hit).containsText("Open");
		hit.locator("a").click();
		assertThat(page).hasURL(Pattern.compile("/service/tickets/" + ticket + "$"));
	}

	private long userId(String username) {
		return jdbc.sql("select id from users where username = ?").param(username).query(Long.class).single();
	}

	private static String unique() {
		StringBuilder s = new StringBuilder();
		for (int i = 0; i < 6; i++) {
			s.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
		}
		return s.toString();
	}

}
