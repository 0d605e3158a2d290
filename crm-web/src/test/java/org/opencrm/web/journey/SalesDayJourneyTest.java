package org.opencrm.web.journey;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A rep's sales day in a real headless Chromium (issue 16): a deal opened from a contact
 * keeps that person through its edits, the stage select follows the pipeline (htmx) and
 * asks for a lost reason only for a lost stage; a lead the assignment rules give to a
 * colleague lands on the list saying who got it. Same application context as
 * {@link BrowserJourneysTest}.
 */
class SalesDayJourneyTest extends Journey {

	@Autowired
	JdbcClient jdbc;

	@Test
	void aDealOpenedFromAContactKeepsThemThroughAnEditAndItsStagesFollowThePipeline() {
		record Person(long id, String name) {
		}
		Person person = jdbc.sql("""
				select c.id, c.first_name || ' ' || c.last_name from contacts c join accounts a on a.id = c.account_id
				where a.owner_id = (select id from users where username = 'rep')
				  and (select count(*) from accounts b where b.sort_name = a.sort_name) = 1
				order by c.id limit 1
				""").query((rs, n) -> new Person(rs.getLong(1), rs.getString(2))).single();
		List<Long> pipelines = jdbc.sql("select id from pipelines order by id").query(Long.class).list();
		HeadlessChromium.signIn(page, "rep");

		page.navigate("/contacts/" + person.id());
		page.locator("#qa-new-opportunity").click();
		assertThat(page.locator("#opportunity-form")).isVisible();
		page.locator("#opportunity-form [name=name]").fill("Ferry charter " + unique());

		// Another pipeline: the stage select now offers that pipeline's stages only.
		page.locator("#opportunity-form [name=pipelineId]").selectOption(String.valueOf(pipelines.get(1)));
		List<String> offered = jdbc
			.sql("select name from pipeline_stages where pipeline_id = ? and active order by position")
			.param(pipelines.get(1))
			.query(String.class)
			.list();
		assertThat(page.locator("#stage-fields select[name=stageId] option:not([value=''])")).hasCount(offered.size());
		assertThat(page.locator("#stage-fields [name=lostReason]")).hasCount(0);
		// A lost stage asks why; an open one doesn't.
		String lost = String
			.valueOf(jdbc.sql("select min(id) from pipeline_stages where pipeline_id = ? and kind = 'LOST'")
				.param(pipelines.get(1))
				.query(Long.class)
				.single());
		settled(page);
		page.locator("#stage-fields select[name=stageId]").selectOption(lost);
		assertThat(page.locator("#stage-fields [name=lostReason]")).isVisible();
		String open = String.valueOf(jdbc
			.sql("""
					select id from pipeline_stages where pipeline_id = ? and kind = 'OPEN' and active order by position limit 1
					""")
			.param(pipelines.get(1))
			.query(Long.class)
			.single());
		settled(page);
		page.locator("#stage-fields select[name=stageId]").selectOption(open);
		assertThat(page.locator("#stage-fields [name=lostReason]")).hasCount(0);
		page.locator("#opportunity-form [name=amount]").fill("12000");
		page.locator("#opportunity-form button[type=submit]").click();

		assertThat(page).hasURL(Pattern.compile("/opportunities/\\d+$"));
		assertThat(page.locator("main a[href='/contacts/" + person.id() + "']").first()).hasText(person.name());
		long deal = Long.parseLong(page.url().replaceAll(".*/", ""));

		// Edit, change only the amount: the primary contact stays.
		page.locator("main a.btn[href='/opportunities/" + deal + "/edit']").click();
		page.locator("#opportunity-form [name=amount]").fill("15000");
		page.locator("#opportunity-form button[type=submit]").click();
		assertThat(page).hasURL(Pattern.compile("/opportunities/" + deal + "$"));
		assertThat(page.locator("main a[href='/contacts/" + person.id() + "']").first()).hasText(person.name());
		assertThat(page.locator("#history")).containsText("Amount: €12,000.00 → €15,000.00");
		assertThat(jdbc.sql("select primary_contact_id from opportunities where id = ?")
			.param(deal)
			.query(Long.class)
			.single()).isEqualTo(person.id());
		page.screenshot(
				new Page.ScreenshotOptions().setFullPage(true).setPath(SCREENSHOTS.resolve("deal-from-contact.png")));
	}

	@Test
	void aLeadTheRulesGiveToAColleagueLandsOnTheListSayingWhoGotIt() {
		String country = "Zembla " + unique();
		String colleague = jdbc.sql("select full_name from users where username = 'rep2'").query(String.class).single();
		jdbc.sql("""
				insert into lead_assignment_rules (name, position, match_country, assign_user_id)
				values ('Zembla journey', -1000, ?, (select id from users where username = 'rep2'))
				""").param(country).update();
		HeadlessChromium.signIn(page, "rep");

		page.navigate("/leads/new");
		// The rep may give leads only to themself (or leave it to the rules).
		assertThat(page.locator("select[name=ownerId] option:not([value=''])")).hasCount(1);
		String last = "Kinbote " + unique();
		page.locator("#lead-form [name=lastName]").fill(last);
		page.locator("#lead-form [name=country]").fill(country);
		page.locator("#lead-form button[type=submit]").click();

		assertThat(page).hasURL(Pattern.compile("/leads$"));
		assertThat(page.locator(".alert-warning")).containsText("Saved and assigned to " + colleague + ".");
		assertThat(page.locator("main h1")).isVisible();
		assertThat(jdbc.sql("select u.username from leads l join users u on u.id = l.owner_id where l.last_name = ?")
			.param(last)
			.query(String.class)
			.single()).isEqualTo("rep2");
		page.screenshot(
				new Page.ScreenshotOptions().setFullPage(true).setPath(SCREENSHOTS.resolve("lead-assigned-away.png")));
	}

	private static String unique() {
		StringBuilder s = new StringBuilder();
		for (int i = 0; i < 8; i++) {
			s.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
		}
		return s.toString();
	}

	/**
	 * htmx binds the swapped-in select while it settles: a choice made before that fires
	 * no request (seen under CI's load: the lost reason stayed).
	 */
	private static void settled(Page page) {
		page.waitForFunction("() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')");
	}

}
