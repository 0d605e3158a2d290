package org.opencrm.web.journey;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Page;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.opencrm.core.workflow.WorkflowRules;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The rule editor in a real headless Chromium (issue 11 item 4): the admin writes "when a
 * deal's stage changes to Negotiation, create a task and notify the manager", a rep moves
 * a deal to Negotiation, the rep's task and the manager's notification appear, and the
 * run shows on the rule's page.
 */
class WorkflowJourneyTest extends Journey {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	WorkflowRules rules;

	@Test
	void anAdminsRuleActsWhenARepMovesADealToNegotiation() {
		String name = "Negotiation journey " + unique();
		record Deal(long id, String name) {
		}
		Deal deal = jdbc
			.sql("""
					select o.id, o.name from opportunities o join pipeline_stages s on s.id = o.stage_id
					where o.owner_id = (select id from users where username = 'rep') and o.status = 'OPEN'
					  and s.name <> 'Negotiation'
					  and exists (select 1 from pipeline_stages n where n.pipeline_id = o.pipeline_id and n.name = 'Negotiation')
					order by o.id desc limit 1
					""")
			.query((rs, n) -> new Deal(rs.getLong(1), rs.getString(2)))
			.single();

		HeadlessChromium.signIn(page, "admin");
		page.navigate("/admin/workflows");
		page.locator("#new-deal").click();
		page.locator("#workflow-form [name=name]").fill(name);
		page.locator("#workflow-form [name=trigger]").selectOption("FIELD_CHANGED");
		page.locator("#workflow-form [name=triggerField]").selectOption("stage");
		page.locator("#workflow-form [name=triggerTo]").fill("Negotiation");
		page.locator("[name='actions[0].type']").selectOption("CREATE_TASK");
		page.locator("[name='actions[0].recipient']").selectOption("OWNER");
		page.locator("[name='actions[0].text']").fill("Prepare the contract for " + name);
		page.locator("[name='actions[1].type']").selectOption("NOTIFY");
		page.locator("[name='actions[1].recipient']").selectOption("MANAGER");
		page.locator("[name='actions[1].text']").fill("Negotiation has started");
		page.locator("#save-rule").click();
		assertThat(page).hasURL(Pattern.compile("/admin/workflows/\\d+$"));
		long rule = Long.parseLong(page.url().replaceAll(".*/", ""));
		assertThat(page.locator(".alert-success")).isVisible();
		page.screenshot(
				new Page.ScreenshotOptions().setFullPage(true).setPath(SCREENSHOTS.resolve("workflow-rule.png")));

		browser.clearCookies();
		HeadlessChromium.signIn(page, "rep");
		page.navigate("/opportunities/" + deal.id());
		page.locator("#move-stage select[name=stageId]")
			.selectOption(new com.microsoft.playwright.options.SelectOption().setLabel("Negotiation"));
		page.locator("#move-stage button[type=submit]").click();
		assertThat(page.locator("#deal-stage")).hasText("Negotiation");
		await().atMost(Duration.ofSeconds(20))
			.until(() -> jdbc.sql("select count(*) from workflow_runs where rule_id = ? and status = 'DONE'")
				.param(rule)
				.query(Long.class)
				.single() == 1);
		page.reload();
		assertThat(page.locator("#automation")).containsText(name);
		assertThat(page.locator("#tasks")).containsText("Prepare the contract for " + name);

		browser.clearCookies();
		HeadlessChromium.signIn(page, "manager");
		page.navigate("/notifications");
		assertThat(page.locator("main")).containsText("Negotiation has started");

		browser.clearCookies();
		HeadlessChromium.signIn(page, "admin");
		page.navigate("/admin/workflows/" + rule);
		assertThat(page.locator("#workflow-runs")).containsText("Done");
		assertThat(page.locator("#workflow-runs a[href='/opportunities/" + deal.id() + "']")).isVisible();
		page.screenshot(
				new Page.ScreenshotOptions().setFullPage(true).setPath(SCREENSHOTS.resolve("workflow-runs.png")));
		rules.delete(rule);
	}

	private static String unique() {
		StringBuilder s = new StringBuilder();
		for (int i = 0; i < 8; i++) {
			s.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
		}
		return s.toString();
	}

}
