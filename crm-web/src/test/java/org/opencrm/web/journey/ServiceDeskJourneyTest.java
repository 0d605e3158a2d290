package org.opencrm.web.journey;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The service desk in a real headless Chromium (issue 17, items 3–5): the queue ordered
 * and labelled by the next SLA deadline, a late first reply tinted; a status or assign
 * conflict whose "Open the current version" opens the ticket with the change offered
 * again; knowledge-base suggestions on the ticket page and the new-ticket form, one
 * inserted into the reply. Same application context as {@link BrowserJourneysTest}.
 */
class ServiceDeskJourneyTest extends Journey {

	@Autowired
	JdbcClient jdbc;

	/** A word no demo record uses, so this test's tickets and articles are its own. */
	final String word = unique();

	@Test
	void theQueueListsTicketsByTheirNextSlaDeadlineSaysWhichAndTintsALateFirstReply() {
		long queue = queue();
		long agent = userId("agent");
		long answerFirst = ticket("Gateway " + word + " offline", agent, queue, "2 hours", null, "3 days");
		ticket("Invoice " + word + " address", agent, queue, "-1 hour", "-90 minutes", "6 hours");
		ticket("Late " + word + " reply", agent, queue, "-5 hours", "-2 hours", "2 days");
		HeadlessChromium.signIn(page, "agent");

		page.navigate("/service/queue?queue=" + queue);
		assertThat(page.locator("#queue-table thead")).containsText("Next SLA deadline");
		Locator rows = page.locator("#queue-table tbody tr.queue-row");
		// First response due in 2 h beats a resolution due in 6 h, which beats one in 2
		// days: each row by the deadline that applies to it next, named in the column.
		assertThat(rows).hasCount(3);
		assertThat(rows.nth(0)).containsText("Gateway " + word + " offline");
		assertThat(rows.nth(0).locator(".sla-deadline")).containsText("First response · On track");
		assertThat(rows.nth(1)).containsText("Invoice " + word + " address");
		assertThat(rows.nth(1).locator(".sla-deadline")).containsText("Resolution · Due soon");
		assertThat(rows.nth(2)).containsText("Late " + word + " reply");
		assertThat(rows.nth(2).locator(".sla-deadline")).containsText("Resolution · On track");
		assertThat(rows.nth(2).locator(".sla-first-missed")).hasText("First response missed");
		assertThat(rows.nth(2)).hasClass(Pattern.compile("\\btable-danger\\b"));
		assertThat(rows.nth(0)).not().hasClass(Pattern.compile("\\btable-danger\\b"));
		page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("queue.png")).setFullPage(true));

		// The first reply goes out: that ticket's next deadline is now its resolution in
		// 3 days, and it moves to the end.
		rows.nth(0).locator("a.queue-link").click();
		assertThat(page).hasURL(Pattern.compile("/service/tickets/" + answerFirst + "$"));
		page.locator("#reply-body").fill("We are on it: the gateway restarts within the hour.");
		page.locator("#reply-form button[type=submit]").click();
		assertThat(page.locator(".alert-success")).hasText("Reply sent.");
		page.navigate("/service/queue?queue=" + queue);
		assertThat(rows.nth(0)).containsText("Invoice " + word + " address");
		assertThat(rows.nth(1)).containsText("Late " + word + " reply");
		assertThat(rows.nth(2)).containsText("Gateway " + word + " offline");
		assertThat(rows.nth(2).locator(".sla-deadline")).containsText("Resolution");
	}

	@Test
	void afterAStatusOrAssignConflictTheCurrentVersionOpensWithTheChangeOfferedAgain() {
		long agent = userId("agent");
		long ticket = ticket("Router " + word + " reboots", agent, queue(), "4 hours", null, "3 days");
		String managerName = jdbc.sql("select full_name from users where username = 'manager'")
			.query(String.class)
			.single();
		long manager = userId("manager");
		HeadlessChromium.signIn(page, "agent");

		// Assign: the agent picks the manager while a colleague saves the ticket first.
		page.navigate("/service/tickets/" + ticket);
		page.locator("#actions form[action$='/assign'] select[name=assigneeId]").selectOption(String.valueOf(manager));
		colleagueSaves(ticket);
		page.locator("#actions form[action$='/assign'] button[type=submit]").click();
		assertThat(page.locator("#conflict")).isVisible();
		assertThat(page.locator("#conflict-sent")).containsText("Assignee");
		browserErrors.removeIf(error -> error.contains("status of 409")); // the conflict
		assertThat(assignee(ticket)).isEqualTo(agent);

		// "Open the current version" is the ticket page (not the POST-only action: a 405
		// before), offering the agent's choice again against the new version.
		Response opened = page.waitForResponse(
				r -> r.url().endsWith("/service/tickets/" + ticket) && "GET".equals(r.request().method()),
				() -> page.locator("#conflict a.btn-primary").click());
		assertThat(opened.status()).isEqualTo(200);
		assertThat(page).hasURL(Pattern.compile("/service/tickets/" + ticket + "$"));
		assertThat(page.locator("#reapply")).isVisible();
		page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("conflict-reapply.png")));
		page.locator("#reapply form[action$='/assign'] button").click();
		assertThat(page.locator(".alert-success")).isVisible();
		assertThat(assignee(ticket)).isEqualTo(manager);
		assertThat(page.locator("#reapply")).hasCount(0);
		assertThat(page.locator("#details")).containsText(managerName);

		// Status: "Resolve" pressed on a stale page; the conflict page names the status
		// by its label, and the ticket page offers "Resolve" again.
		colleagueSaves(ticket);
		page.locator("#actions form[action$='/status']:has(input[value=RESOLVED]) button").click();
		assertThat(page.locator("#conflict")).isVisible();
		assertThat(page.locator("#conflict-sent")).containsText("Resolved");
		browserErrors.removeIf(error -> error.contains("status of 409"));
		assertThat(status(ticket)).isEqualTo("OPEN");
		page.locator("#conflict a.btn-primary").click();
		assertThat(page).hasURL(Pattern.compile("/service/tickets/" + ticket + "$"));
		assertThat(page.locator("#reapply form[action$='/status'] button")).hasText("Resolve");
		page.locator("#reapply form[action$='/status'] button").click();
		assertThat(page.locator(".alert-success")).hasText("Status changed.");
		assertThat(status(ticket)).isEqualTo("RESOLVED");

		// Opened again later, the page offers nothing: the flash was used once.
		page.navigate("/service/tickets/" + ticket);
		assertThat(page.locator("#reapply")).hasCount(0);
	}

	@Test
	void articlesAreSuggestedOnTheTicketAndAsTheAgentTypesANewOneAndALinkGoesIntoTheReply() {
		long article = article("Resetting a " + word + " gateway",
				"Hold the reset button of the " + word + " gateway for ten seconds.");
		long ticket = ticket("The " + word + " gateway hangs", userId("agent"), queue(), "4 hours", null, "3 days");
		HeadlessChromium.signIn(page, "agent");

		// On the ticket page, suggestions load after the page from its subject.
		page.navigate("/service/tickets/" + ticket);
		Locator suggestion = page.locator("#kb-suggestions li")
			.filter(new Locator.FilterOptions().setHasText("Resetting a " + word + " gateway"));
		assertThat(suggestion).hasCount(1);
		page.locator("#reply-body").fill("Please try this:");
		suggestion.locator(".kb-insert-link").click();
		assertThat(page.locator("#reply-body")).hasValue(Pattern
			.compile("^Please try this: http://127\\.0\\.0\\.1:" + port + "/help/articles/" + article + "$"));
		page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("kb-suggest.png")).setFullPage(true));
		page.locator("#reply-form button[type=submit]").click();
		assertThat(page.locator("#conversation")).containsText("/help/articles/" + article);

		// On the new-ticket form, as the agent types the subject.
		page.navigate("/service/tickets/new");
		assertThat(page.locator("#kb-suggestions li")).hasCount(0);
		page.locator("#ticket-form [name=subject]").pressSequentially(word + " gateway");
		Locator typed = page.locator("#kb-suggestions li")
			.filter(new Locator.FilterOptions().setHasText("Resetting a " + word + " gateway"));
		assertThat(typed).hasCount(1);
		PageText.assertClean(page);
		typed.locator(".kb-insert-link").click();
		assertThat(page.locator("#ticket-form [name=description]"))
			.hasValue(Pattern.compile("/help/articles/" + article + "$"));
	}

	/** Someone else saves the ticket (its version moves), as a colleague's edit would. */
	private void colleagueSaves(long ticket) {
		jdbc.sql("update tickets set version = version + 1, updated_at = now() where id = ?").param(ticket).update();
	}

	private long queue() {
		return jdbc.sql("insert into service_queues (name) values (?) returning id")
			.param("Desk " + word + " " + unique())
			.query(Long.class)
			.single();
	}

	/**
	 * An open ticket of a contact, assigned and queued; due times relative to now
	 * (PostgreSQL intervals), the queue's sort key the next deadline as the application
	 * keeps it.
	 */
	private long ticket(String subject, long assignee, long queue, String firstResponseDueIn, String respondedAgo,
			String resolutionDueIn) {
		long contact = jdbc.sql("""
				insert into contacts (first_name, last_name, email, lifecycle_stage)
				values ('Ada', ?, ?, 'CUSTOMER') returning id""")
			.params("Quist " + unique(), unique() + "@customer.example")
			.query(Long.class)
			.single();
		return jdbc
			.sql("""
					insert into tickets (number, subject, type, priority, status, channel, contact_id, assignee_id, queue_id,
					                     opened_at, first_response_due_at, first_response_warn_at, first_responded_at,
					                     resolution_due_at, resolution_warn_at, queue_sort_at)
					select ?, ?, 'INCIDENT', 'HIGH', 'OPEN', 'EMAIL', ?, ?, ?, now() - interval '6 hours', f, f - interval '1 hour',
					       r0, d, d - interval '12 hours', case when r0 is null then f else d end
					from (select now() + cast(? as interval) as f, now() + cast(? as interval) as d,
					             now() - cast(nullif(?, '') as interval) as r0) t
					returning id""")
			.params("J-" + unique().toUpperCase(), subject, contact, assignee, queue, firstResponseDueIn,
					resolutionDueIn, respondedAgo == null ? "" : respondedAgo)
			.query(Long.class)
			.single();
	}

	private long article(String title, String body) {
		long category = jdbc.sql("insert into kb_categories (name) values (?) returning id")
			.param("Gateways " + unique())
			.query(Long.class)
			.single();
		return jdbc
			.sql("""
					insert into kb_articles (category_id, title, body, body_html, body_text, status, visibility, published_at)
					values (?, ?, ?, ?, ?, 'PUBLISHED', 'PUBLIC', now()) returning id""")
			.params(category, title, body, "<p>" + body + "</p>", body)
			.query(Long.class)
			.single();
	}

	private long userId(String username) {
		return jdbc.sql("select id from users where username = ?").param(username).query(Long.class).single();
	}

	private Long assignee(long ticket) {
		return jdbc.sql("select assignee_id from tickets where id = ?").param(ticket).query(Long.class).single();
	}

	private String status(long ticket) {
		return jdbc.sql("select status from tickets where id = ?").param(ticket).query(String.class).single();
	}

	private static String unique() {
		StringBuilder s = new StringBuilder();
		for (int i = 0; i < 8; i++) {
			s.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
		}
		return s.toString();
	}

}
