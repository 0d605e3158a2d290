package org.opencrm.web.journey;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.math.BigDecimal;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Pages people use all day (issue 15): a marketer builds a sequence and enrols a segment
 * with pickers (names, never ids) and the campaign page names its segment; a rep changes
 * a deal's amount and stage right on the list; "?" lists the shortcuts and j/k walk a
 * list. axe-core finds nothing serious on each of these pages.
 */
class PickersAndShortcutsJourneyTest extends Journey {

	@Autowired
	JdbcClient jdbc;

	@Test
	void aMarketerBuildsASequenceAndEnrolsASegmentByName() {
		String w = unique();
		long contact = jdbc.sql("""
				insert into contacts (first_name, last_name, email, lifecycle_stage, consent_email)
				values ('Journey', ?, ?, 'LEAD', false) returning id
				""").params("Picker" + w, "pj-" + UUID.randomUUID() + "@example.com").query(Long.class).single();
		long segment = jdbc.sql("insert into segments (name, kind) values (?, 'STATIC') returning id")
			.param("Journey audience " + w)
			.query(Long.class)
			.single();
		jdbc.sql("insert into segment_members (segment_id, contact_id) values (?, ?)")
			.params(segment, contact)
			.update();
		HeadlessChromium.signIn(page, "marketer");

		page.navigate("/marketing/sequences/new");
		page.locator("#sequence-form [name=name]").fill("Journey nurture " + w);
		page.locator("#steps").fill("wait 1");
		// The template picker adds a "send" line by the template's name.
		assertThat(page.locator("#add-send-step")).isVisible();
		page.locator("#stepTemplate-text").pressSequentially("welc");
		page.locator("#stepTemplate-options [data-pick-name='Welcome']").click();
		assertThat(page.locator("#stepTemplate-text")).hasValue("Welcome");
		page.locator("#add-send-step [data-append-line-button]").click();
		assertThat(page.locator("#steps")).hasValue("wait 1\nsend Welcome");
		Axe.check(page);
		page.locator("#sequence-form button[type=submit]").click();

		assertThat(page).hasURL(Pattern.compile("/marketing/sequences/\\d+$"));
		assertThat(page.locator("#sequence-steps")).containsText("Send “Welcome”");
		// Enrol the segment by typing part of its name and choosing it.
		page.locator("#segmentId-text").pressSequentially("journey audience " + w);
		page.locator("#segmentId-options [data-pick-id='" + segment + "']").click();
		assertThat(page.locator("#enrol-segment-form [name=segmentId]")).hasValue(String.valueOf(segment));
		Axe.check(page);
		page.locator("#enrol-segment-form button[type=submit]").click();
		assertThat(page.locator("#flash")).containsText("Enrolled.");
		assertThat(page.locator("#enrolments-table")).containsText("Journey Picker" + w);

		long campaign = jdbc.sql("insert into campaigns (name, type, segment_id) values (?, 'EMAIL', ?) returning id")
			.params("Journey campaign " + w, segment)
			.query(Long.class)
			.single();
		page.navigate("/marketing/campaigns/" + campaign);
		assertThat(page.locator("#campaign-segment a[href='/marketing/segments/" + segment + "']"))
			.hasText("Journey audience " + w);
		Axe.check(page);
		page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
			.setPath(SCREENSHOTS.resolve("campaign-names-its-segment.png")));
	}

	@Test
	void aRepChangesADealsAmountAndStageOnTheList() {
		String w = unique();
		record Deal(long id, long version) {
		}
		long account = jdbc.sql("insert into accounts (name, lifecycle_stage) values (?, 'CUSTOMER') returning id")
			.param("Inline Co " + w)
			.query(Long.class)
			.single();
		long pipeline = jdbc.sql("select min(id) from pipelines").query(Long.class).single();
		long open = jdbc
			.sql("""
					select id from pipeline_stages where pipeline_id = ? and kind = 'OPEN' and active order by position limit 1
					""")
			.param(pipeline)
			.query(Long.class)
			.single();
		record StageRef(long id, String name) {
		}
		StageRef next = jdbc.sql("""
				select id, name from pipeline_stages where pipeline_id = ? and kind = 'OPEN' and active
				order by position offset 1 limit 1
				""").param(pipeline).query(StageRef.class).single();
		long deal = jdbc
			.sql("""
					insert into opportunities (name, account_id, pipeline_id, stage_id, status, amount, currency, close_date,
					  owner_id, forecast_category)
					values (?, ?, ?, ?, 'OPEN', 1000, 'EUR', date '2031-06-30', (select id from users where username = 'rep'),
					  'PIPELINE') returning id
					""")
			.params("Inline deal " + w, account, pipeline, open)
			.query(Long.class)
			.single();
		HeadlessChromium.signIn(page, "rep");

		page.navigate("/opportunities?q=" + w);
		page.locator("#deal-" + deal + "-amount a").click();
		assertThat(page.locator("#deal-" + deal + "-amount-value")).isFocused();
		Axe.check(page);
		page.locator("#deal-" + deal + "-amount-value").fill("4321");
		page.locator("#deal-" + deal + "-amount-value").press("Enter");
		assertThat(page.locator("#deal-" + deal + "-amount a")).hasText("€4,321.00");

		page.locator("#deal-" + deal + "-stage a").click();
		page.locator("#deal-" + deal + "-stage-value").selectOption(String.valueOf(next.id()));
		page.locator("#deal-" + deal + "-stage button[type=submit]").click();
		assertThat(page.locator("#deal-" + deal + "-stage a")).hasText(next.name());
		// Escape brings the value back without saving.
		page.locator("#deal-" + deal + "-amount a").click();
		page.locator("#deal-" + deal + "-amount-value").press("Escape");
		assertThat(page.locator("#deal-" + deal + "-amount a")).hasText("€4,321.00");

		Deal saved = jdbc.sql("select id, version from opportunities where id = ?")
			.param(deal)
			.query(Deal.class)
			.single();
		assertThat(saved.version()).isEqualTo(2);
		assertThat(
				jdbc.sql("select amount from opportunities where id = ?").param(deal).query(BigDecimal.class).single())
			.isEqualByComparingTo("4321");
		assertThat(jdbc.sql("select stage_id from opportunities where id = ?").param(deal).query(Long.class).single())
			.isEqualTo(next.id());
		page.screenshot(
				new Page.ScreenshotOptions().setFullPage(true).setPath(SCREENSHOTS.resolve("deal-inline-edit.png")));
	}

	@Test
	void questionMarkListsTheShortcutsAndJAndKWalkAList() {
		HeadlessChromium.signIn(page, "rep");
		page.navigate("/opportunities");
		assertThat(page.locator("#opportunities-table tbody tr").nth(1)).isVisible();

		page.keyboard().press("?");
		assertThat(page.locator("#shortcuts")).isVisible();
		assertThat(page.locator("#shortcuts")).containsText("Next / previous row");
		Axe.check(page);
		page.keyboard().press("Escape");
		assertThat(page.locator("#shortcuts")).isHidden();

		page.keyboard().press("j");
		assertThat(page.locator("#opportunities-table tbody tr").nth(0)).hasClass(Pattern.compile("row-current"));
		page.keyboard().press("j");
		assertThat(page.locator("#opportunities-table tbody tr").nth(1)).hasClass(Pattern.compile("row-current"));
		assertThat(page.locator("#opportunities-table tbody tr").nth(1).locator("a").first()).isFocused();
		page.keyboard().press("k");
		assertThat(page.locator("#opportunities-table tbody tr").nth(0)).hasClass(Pattern.compile("row-current"));
		String href = page.locator("#opportunities-table tbody tr").nth(0).locator("a").first().getAttribute("href");
		page.keyboard().press("Enter");
		assertThat(page).hasURL(Pattern.compile(href + "$"));

		// "/" goes to the page's search box.
		page.navigate("/contacts");
		page.keyboard().press("/");
		assertThat(page.locator("main input[type=search], main input[name=q]").first()).isFocused();
	}

	private static String unique() {
		StringBuilder s = new StringBuilder();
		for (int i = 0; i < 8; i++) {
			s.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
		}
		return s.toString();
	}

}
