package org.opencrm.web.journey;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.opencrm.web.journey.RoleJourney.Stop.andFirst;
import static org.opencrm.web.journey.RoleJourney.Stop.page;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A sales rep's day: start page, customers, leads, deals and the board, forecast,
 * calendar, reports ({@link RoleJourney}: laptop and phone size, accessibility, rough
 * text, screenshots); and a lead disqualified in place on the lead list.
 */
class RepJourneyTest extends RoleJourney {

	@Autowired
	JdbcClient jdbc;

	@Override
	String username() {
		return "rep";
	}

	@Override
	List<Stop> stops() {
		return List.of(page("/"), page("/my-day"), andFirst("/accounts", "#accounts-table a[href^='/accounts/']"),
				andFirst("/contacts", "#contacts-table a[href^='/contacts/']"), page("/contacts/new"), page("/tasks"),
				andFirst("/leads", "#leads-table a[href^='/leads/']"), page("/leads/new"),
				andFirst("/opportunities", "#opportunities-table a[href^='/opportunities/']"),
				page("/opportunities/new"), page("/opportunities/board"), page("/forecast"), page("/quotas"),
				page("/partners"), page("/service/calendar"), page("/service/kb"), page("/reports"),
				page("/analytics/at-risk"), page("/search?q=a"), page("/imports"), page("/notifications"));
	}

	/**
	 * The status cell of a lead on the list opens a small form in place; disqualifying
	 * asks for the reason (the lead page's rule), saving puts the new status in the cell,
	 * Escape closes the form unchanged.
	 */
	@Test
	@Order(3)
	void aLeadIsDisqualifiedInPlaceOnTheLeadList() {
		page.setViewportSize(WIDE, 768);
		String name = "Quickedit" + System.nanoTime();
		long lead = jdbc
			.sql("""
					insert into leads (last_name, company, source, status, owner_id)
					values (?, 'Quick Edit Ltd', 'web', 'WORKING', (select id from users where username = 'rep')) returning id
					""")
			.param(name)
			.query(Long.class)
			.single();
		page.navigate("/leads?q=" + name);
		String cell = "#lead-" + lead + "-status";
		page.locator(cell + " a").click();
		Locator form = page.locator("form" + cell);
		Locator choice = form.locator("select[name=value]");
		assertThat(choice).isFocused();
		choice.selectOption("DISQUALIFIED");
		form.locator("button[type=submit]").click();
		assertThat(form.locator("[role=alert]")).hasText("Say why the lead is disqualified.");
		form.locator("input[name=reason]").fill("A student project, no budget");
		form.locator("button[type=submit]").click();
		assertThat(page.locator("span" + cell)).hasText("Disqualified");
		assertThat(jdbc.sql("select status || ':' || disqualified_reason from leads where id = ?")
			.param(lead)
			.query(String.class)
			.single()).isEqualTo("DISQUALIFIED:A student project, no budget");

		// Opened again, Escape brings the value back; the form passes axe meanwhile.
		page.locator(cell + " a").click();
		assertThat(page.locator("form" + cell + " select[name=value]")).isFocused();
		assertThat(Axe.seriousViolations(page)).isEmpty();
		page.screenshot(new Page.ScreenshotOptions()
			.setPath(SCREENSHOTS.resolve(username()).resolve("laptop-lead-quick-edit.png")));
		page.keyboard().press("Escape");
		assertThat(page.locator("span" + cell)).hasText("Disqualified");
	}

}
