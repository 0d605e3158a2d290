package org.opencrm.web.journey;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The main user journeys in a real headless Chromium against the running application
 * (real HTTP, security filters, sessions in PostgreSQL, templates, htmx and our scripts),
 * signed in as the demo users. Selectors are the pages' ids and form field names; waiting
 * is Playwright's own.
 */
class BrowserJourneysTest extends Journey {

	@Autowired
	JdbcClient jdbc;

	@Test
	void aRepCreatesAnAccountAddsAContactLogsACallAndTicksOffAFollowUp() {
		signInAs("rep");
		assertThat(page.locator("main h1")).hasText("Your day");

		// An account: first without a name, which only brings the form back with a
		// message.
		page.locator("nav a[href='/accounts']").click();
		page.locator("main a[href='/accounts/new']").click();
		long accountsBefore = count("select count(*) from accounts");
		page.locator("#account-form button[type=submit]").click();
		assertThat(page.locator("#account-form [name=name]")).hasClass(Pattern.compile("\\bis-invalid\\b"));
		assertThat(page.locator("#account-form .invalid-feedback")).hasText("Please fill this in.");
		assertThat(count("select count(*) from accounts")).isEqualTo(accountsBefore);

		page.locator("#account-form [name=name]").fill("Kestrelmoor Ferries Ltd");
		page.locator("#account-form [name=domain]").fill("kestrelmoor-ferries.example");
		page.locator("#account-form [name=industry]").fill("Shipping");
		page.locator("#account-form [name=city]").fill("Oban");
		page.locator("#account-form button[type=submit]").click();
		assertThat(page).hasURL(Pattern.compile("/accounts/\\d+$"));
		assertThat(page.locator("main h1")).hasText("Kestrelmoor Ferries Ltd");
		assertThat(page.locator(".alert-success")).hasText("Account created.");
		page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("account.png")).setFullPage(true));

		// A contact, from the account page: the account is already filled in.
		page.locator("#contacts a[href^='/contacts/new']").click();
		assertThat(page.locator("#contact-form [name=accountIdText]")).hasValue("Kestrelmoor Ferries Ltd");
		page.locator("#contact-form [name=firstName]").fill("Morag");
		page.locator("#contact-form [name=lastName]").fill("Lindqvist");
		page.locator("#contact-form [name=email]").fill("morag.lindqvist@kestrelmoor-ferries.example");
		page.locator("#contact-form button[type=submit]").click();
		assertThat(page).hasURL(Pattern.compile("/contacts/\\d+$"));
		assertThat(page.locator("main h1")).hasText("Morag Lindqvist");
		assertThat(page.locator("main a[href^='/accounts/']").first()).hasText("Kestrelmoor Ferries Ltd");

		// A call, logged on the contact's timeline, shows first.
		page.locator("#log summary").click();
		page.locator("#log-form [name=kind]").selectOption("CALL");
		page.locator("#log-form [name=subject]").fill("Asked about winter timetable");
		page.locator("#log-form [name=body]").fill("Wants the group rates by Friday");
		page.locator("#log-form button[type=submit]").click();
		assertThat(page.locator(".alert-success")).hasText("Logged on the timeline.");
		Locator newestEntry = page.locator("#timeline-entries > li.timeline-item").first();
		assertThat(newestEntry).containsText("Call");
		assertThat(newestEntry).containsText("Asked about winter timetable");
		assertThat(newestEntry).containsText("Wants the group rates by Friday");

		// A follow-up: scheduled (tomorrow at nine, for me, by default), then ticked off.
		page.locator("#tasks summary").click();
		page.locator("#task-form [name=title]").fill("Send the group rates");
		page.locator("#task-form button[type=submit]").click();
		assertThat(page.locator(".alert-success")).hasText("Follow-up scheduled.");
		Locator followUp = page.locator("#tasks .task-list > li")
			.filter(new Locator.FilterOptions().setHasText("Send the group rates"));
		assertThat(followUp).hasCount(1);
		followUp.locator("form[action$='/complete'] button").click();
		assertThat(page.locator(".alert-success")).hasText("Task done.");
		assertThat(page.locator("#tasks .empty-state")).isVisible();
		assertThat(page.locator("#timeline-entries > li.timeline-item").first())
			.containsText("Task done: Send the group rates");
	}

	@Test
	void aRepFindsTheBoardInTheSalesMenuAndMovesADealByDragAndDropByKeyboardAndByTheForm() {
		signInAs("rep");
		page.locator("nav a.dropdown-toggle[href='/my-day']").click();
		page.locator("nav .dropdown-menu a[href='/opportunities/board']").click();
		assertThat(page).hasURL(Pattern.compile("/opportunities/board"));

		// The rep's first movable card goes one column on (or one back, if it sits in the
		// last column): dragged there with the mouse.
		Locator card = page.locator("#board .board-card:has(input[name=card])").first();
		assertThat(card).isVisible();
		String cardId = card.getAttribute("id");
		long deal = Long.parseLong(cardId.substring("card-".length()));
		@SuppressWarnings("unchecked")
		List<String> columns = (List<String>) page.locator("#board .board-column")
			.evaluateAll("cs => cs.map(c => c.id)");
		String from = (String) card.evaluate("c => c.closest('.board-column').id");
		int current = columns.indexOf(from);
		boolean forward = current + 1 < columns.size();
		String target = columns.get(forward ? current + 1 : current - 1);

		card.dragTo(page.locator("#" + target + " .board-column-head"));

		// htmx swaps the board in place: the card now sits in the other column, the move
		// is on record, a screen reader is told, and the card keeps the focus.
		assertThat(page.locator("#" + target + " #" + cardId)).hasCount(1);
		assertThat(count("select count(*) from opportunity_stage_history where opportunity_id = " + deal
				+ " and to_stage_id = " + target.substring("stage-".length())))
			.isEqualTo(1);
		assertThat(page.locator("#board-live")).containsText(" is now in ");
		assertThat(page.locator("#" + cardId)).isFocused();
		page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("board.png")).setFullPage(true));

		// Back with the keyboard: an arrow key moves the focused card one column.
		page.keyboard().press(forward ? "ArrowLeft" : "ArrowRight");
		assertThat(page.locator("#" + from + " #" + cardId)).hasCount(1);
		assertThat(page.locator("#" + cardId)).isFocused();

		// A move made on a stale card (as if a colleague moved it first) is refused, and
		// the message shows although htmx swaps only the board: it comes in out of band,
		// into the layout's #flash.
		Locator stale = page.locator("#" + from + " #" + cardId);
		stale.locator("input[name=card]")
			.evaluate("i => { const [id, v] = i.value.split(':'); i.value = id + ':' + (Number(v) - 1); }");
		stale.focus();
		page.keyboard().press(forward ? "ArrowRight" : "ArrowLeft");
		assertThat(page.locator("#flash #rule-error")).isVisible();
		assertThat(page.locator("#" + from + " #" + cardId)).hasCount(1);

		// The plain form, as without script: pick the card, press the column's button.
		page.locator("#" + from + " #" + cardId + " input[name=card]").check();
		page.locator("#" + target + " button.board-drop").click();
		assertThat(page.locator("#" + target + " #" + cardId)).hasCount(1);
		assertThat(page.locator("#flash .alert-success")).isVisible();
	}

	@Test
	void aManagerOpensTheDashboardFromTheInsightsMenuAndEveryChartIsDrawn() {
		signInAs("manager");
		page.locator("nav a.dropdown-toggle[href='/reports']").click();
		page.locator("nav .dropdown-menu a[href='/dashboard']").click();
		assertThat(page).hasURL(Pattern.compile("/dashboard$"));

		// Each chart area holds an ECharts instance drawing on a canvas (the CSP lets the
		// WebJar and our script run).
		assertThat(page.locator("[data-chart]")).hasCount(7);
		page.waitForFunction("() => [...document.querySelectorAll('[data-chart]')]"
				+ ".every(el => window.echarts && window.echarts.getInstanceByDom(el) && el.querySelector('canvas'))");
		page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("dashboard.png")).setFullPage(true));
	}

	@Test
	void anAgentTakesTheNextTicketFromTheQueueAndAddsAnInternalNote() {
		signInAs("agent");
		page.navigate("/service/queue");
		page.locator("#next-ticket").click();
		assertThat(page).hasURL(Pattern.compile("/service/tickets/\\d+\\?claimed=true$"));
		assertThat(page.locator("#flash")).containsText("The ticket is yours.");
		long ticket = Long.parseLong(page.url().replaceAll(".*/(\\d+).*", "$1"));
		assertThat(count("select count(*) from tickets t join users u on u.id = t.assignee_id where t.id = " + ticket
				+ " and u.username = 'agent'"))
			.isEqualTo(1);

		page.locator("#reply-body").fill("Checked the logs: the sensor firmware is outdated.");
		page.locator("#internal").check();
		page.locator("#reply-form button[type=submit]").click();
		assertThat(page.locator("#conversation")).containsText("Checked the logs: the sensor firmware is outdated.");
		assertThat(count("select count(*) from ticket_messages where ticket_id = " + ticket
				+ " and internal and body = 'Checked the logs: the sensor firmware is outdated.'"))
			.isEqualTo(1);
		page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("ticket.png")).setFullPage(true));
	}

	@Test
	void anEmailInTheSearchBoxOpensTheContactAndANamePrefixListsTheAccount() {
		long account = jdbc.sql(
				"insert into accounts (name, lifecycle_stage) values ('Quillon Lighthouse Works', 'CUSTOMER') returning id")
			.query(Long.class)
			.single();
		long contact = jdbc.sql("""
				insert into contacts (account_id, first_name, last_name, email, lifecycle_stage)
				values (?, 'Ines', 'Okafor', 'ines.okafor@quillon.example', 'CUSTOMER') returning id""")
			.param(account)
			.query(Long.class)
			.single();
		signInAs("agent");

		page.locator("#global-search").fill("ines.okafor@quillon.example");
		page.locator("#global-search").press("Enter");
		assertThat(page).hasURL(Pattern.compile("/contacts/" + contact + "$"));
		assertThat(page.locator("main h1")).hasText("Ines Okafor");

		page.locator("#global-search").fill("Quillo");
		page.locator("#global-search").press("Enter");
		assertThat(page).hasURL(Pattern.compile("/search\\?q=Quillo$"));
		assertThat(page.locator("#search-accounts a[href='/accounts/" + account + "']"))
			.hasText("Quillon Lighthouse Works");
	}

	@Test
	void anAgentLooksUpACallerByPhoneLandsOnTheirDashboardSeesTheTicketsAndLogsTheCall() {
		long account = jdbc
			.sql("insert into accounts (name, lifecycle_stage) values ('Fenwick Tidal Power', 'CUSTOMER') returning id")
			.query(Long.class)
			.single();
		long contact = jdbc.sql("""
				insert into contacts (account_id, first_name, last_name, phone, lifecycle_stage)
				values (?, 'Oskar', 'Brennan', '+44 191 496 0731', 'CUSTOMER') returning id""")
			.param(account)
			.query(Long.class)
			.single();
		jdbc.sql(
				"""
						insert into tickets (number, subject, type, priority, status, channel, contact_id, account_id, opened_at,
						                     queue_sort_at)
						values ('FEN-1', 'Turbine 3 reports no output', 'INCIDENT', 'HIGH', 'OPEN', 'PHONE', ?, ?, now(),
						        now() + interval '1 day')""")
			.params(contact, account)
			.update();
		signInAs("agent");

		// The caller's number as the phone shows it, typed into the search box: straight
		// to their dashboard.
		page.locator("#global-search").fill("0044 191 496 0731");
		page.locator("#global-search").press("Enter");
		assertThat(page).hasURL(Pattern.compile("/contacts/" + contact + "$"));
		assertThat(page.locator("main h1")).hasText("Oskar Brennan");
		assertThat(page.locator("#service-tickets")).containsText("Turbine 3 reports no output");
		assertThat(page.locator("#dashboard-sales")).isVisible();
		assertThat(page.locator("#dashboard-marketing")).isVisible();

		// "Log call" opens the log form with a call chosen; the call shows first on the
		// timeline.
		page.locator("#qa-log-call").click();
		assertThat(page.locator("#log-form [name=kind]")).hasValue("CALL");
		page.locator("#log-form [name=subject]").fill("Turbine 3: walked through the restart");
		page.locator("#log-form button[type=submit]").click();
		assertThat(page.locator(".alert-success")).hasText("Logged on the timeline.");
		Locator newestEntry = page.locator("#timeline-entries > li.timeline-item").first();
		assertThat(newestEntry).containsText("Call");
		assertThat(newestEntry).containsText("Turbine 3: walked through the restart");
		page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("dashboard.png")).setFullPage(true));
	}

	@Test
	void anAgentIsNotAllowedIntoUserAdminAndAnAdminSeesTheDemoUsers() {
		signInAs("agent");
		assertThat(page.locator("nav a[href='/admin/users']")).hasCount(0);
		Response refused = page.navigate("/admin/users");
		assertThat(refused.status()).isEqualTo(403);
		browserErrors.removeIf(error -> error.contains("status of 403")); // the refusal
																			// is this
																			// test's
																			// point
		assertThat(page.locator("main h1")).hasText("Not allowed");
		assertThat(page.locator("body")).not().containsText("Exception");
		assertThat(page.locator("body")).not().containsText("at org.");
		page.locator("#user-menu").click();
		page.locator("nav form[action='/logout'] button").click();
		assertThat(page).hasURL(Pattern.compile("/login\\?logout$"));

		signInAs("admin");
		page.locator("#admin-menu").click();
		page.locator("nav a[href='/admin/users']").click();
		assertThat(page.locator("main h1")).hasText("Users & teams");
		Locator usernames = page.locator("#users-table tbody td:nth-child(2)");
		for (String demoUser : new String[] { "admin", "manager", "rep", "agent", "marketer" }) {
			assertThat(usernames.getByText(demoUser, new Locator.GetByTextOptions().setExact(true))).hasCount(1);
		}
	}

	@Test
	void aContactWithAnExistingEmailIsOnlySavedAfterConfirmingTheDuplicate() {
		jdbc.sql("""
				insert into contacts (first_name, last_name, email, lifecycle_stage)
				values ('Priya', 'Venkataraman', 'priya.v@tallowmere.example', 'LEAD')""").update();
		signInAs("rep");

		page.locator("nav a[href='/contacts']").click();
		page.locator("main a[href='/contacts/new']").click();
		page.locator("#contact-form [name=firstName]").fill("P.");
		page.locator("#contact-form [name=lastName]").fill("Venkat");
		page.locator("#contact-form [name=email]").fill("Priya.V@tallowmere.example");
		page.locator("#contact-form button[type=submit]").click();
		assertThat(page.locator("#duplicate-warning")).containsText("Priya Venkataraman");
		assertThat(page.locator("#duplicate-warning")).containsText("same e-mail");
		assertThat(emailCount("priya.v@tallowmere.example")).isOne();

		page.locator("#duplicate-warning [name=confirmDuplicate][type=checkbox]").check();
		page.locator("#contact-form button[type=submit]").click();
		assertThat(page).hasURL(Pattern.compile("/contacts/\\d+$"));
		assertThat(page.locator("main h1")).hasText("P. Venkat");
		assertThat(page.locator(".alert-success")).hasText("Contact created.");
		assertThat(emailCount("priya.v@tallowmere.example")).isEqualTo(2);
	}

	@Test
	void aRepSnoozesOneTaskAndTicksOffAnotherOnMyDay() {
		long rep = count("select id from users where username = 'rep'");
		String snooze = "Chase the signed order " + System.nanoTime();
		String tick = "Book the kick-off call " + System.nanoTime();
		for (String title : List.of(snooze, tick)) {
			jdbc.sql(
					"insert into tasks (title, due_at, assignee_id, status) values (?, now() - interval '20 years', ?, 'OPEN')")
				.params(title, rep)
				.update();
		}
		signInAs("rep");
		page.navigate("/my-day");

		// One form for the page; each task's buttons point at it.
		assertThat(page.locator("main form[method=post]")).hasCount(1);
		Locator snoozed = page.locator("#myday-overdue li").filter(new Locator.FilterOptions().setHasText(snooze));
		snoozed.locator("details.task-snooze summary").click();
		snoozed.locator("details.task-snooze button")
			.filter(new Locator.FilterOptions().setHasText("Tomorrow"))
			.click();
		assertThat(page.locator(".alert-success")).hasText("Task snoozed.");
		assertThat(page.locator("#myday-overdue")).not().containsText(snooze);
		assertThat(count("select count(*) from tasks where title = '" + snooze + "' and due_at > now()")).isEqualTo(1);

		page.locator("#myday-overdue li")
			.filter(new Locator.FilterOptions().setHasText(tick))
			.locator("button.task-done")
			.click();
		assertThat(page.locator(".alert-success")).hasText("Task done.");
		assertThat(page.locator("#myday-overdue")).not().containsText(tick);
		assertThat(count("select count(*) from tasks where title = '" + tick + "' and status = 'DONE'")).isEqualTo(1);
	}

	/** Through the login form, as a person would; lands on the start page. */
	private void signInAs(String username) {
		HeadlessChromium.signIn(page, username);
	}

	private long count(String sql) {
		return jdbc.sql(sql).query(Long.class).single();
	}

	private long emailCount(String email) {
		return jdbc.sql("select count(*) from contacts where lower(email) = lower(?)")
			.param(email)
			.query(Long.class)
			.single();
	}

}
