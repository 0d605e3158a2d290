package org.opencrm.web.journey;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.opencrm.web.journey.RoleJourney.Stop.page;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An admin's pages: the set-up steps the admin lands on, users, company, every area's
 * settings, imports ({@link RoleJourney}: laptop and phone size, accessibility, rough
 * text, screenshots). On the demo company the team, pipeline and queue are there, the
 * company's name is not: the admin lands on the steps until dismissing them.
 */
class AdminJourneyTest extends RoleJourney {

	@Autowired
	JdbcClient jdbc;

	@Override
	String username() {
		return "admin";
	}

	@Override
	List<Stop> stops() {
		return List.of(page("/"), page("/admin/setup"), page("/admin/users"), page("/admin/users/new"),
				page("/admin/company"), page("/admin/api-tokens"), page("/imports"), page("/admin/pipelines"),
				page("/admin/lead-rules"), page("/admin/products"), page("/admin/sales-settings"),
				page("/admin/queues"), page("/admin/sla"), page("/admin/routing"), page("/admin/inbound-mail"),
				page("/mail/in-doubt"));
	}

	@Test
	@Order(3)
	void theAdminLandsOnTheSetUpStepsUntilDismissingThem() {
		page.setViewportSize(WIDE, 768);
		jdbc.sql("delete from setup_checklist").update();
		try {
			page.navigate("/");
			assertThat(page.locator("main h1")).hasText("Set up your CRM");
			assertThat(page.locator("#setup-step-users")).hasClass(Pattern.compile("\\bsetup-done\\b"));
			assertThat(page.locator("#setup-step-pipeline")).hasClass(Pattern.compile("\\bsetup-done\\b"));
			assertThat(page.locator("#setup-step-queue")).hasClass(Pattern.compile("\\bsetup-done\\b"));
			assertThat(page.locator("#setup-step-company")).hasClass(Pattern.compile("\\bsetup-open\\b"));
			assertThat(page.locator("#setup-step-company a")).hasAttribute("href", "/admin/company");

			page.locator("#setup-dismiss").click();
			assertThat(page.locator("main h1")).hasText("Your day");
			assertThat(page.locator("#flash .alert-success")).containsText("no longer your start page");

			// The Admin menu still has them, and they can be the start page again.
			page.locator("#admin-menu").click();
			page.locator("#mainNav a.dropdown-item[href='/admin/setup']").click();
			page.locator("#setup-reopen").click();
			page.navigate("/");
			assertThat(page.locator("main h1")).hasText("Set up your CRM");
		}
		finally {
			jdbc.sql("delete from setup_checklist").update();
		}
	}

}
