package org.opencrm.web.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencrm.web.Logins.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opencrm.core.user.UserService;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The set-up steps on the demo company: its team, pipeline, queue with SLA policies and
 * the embedded mailbox are there, its company name is not, so the admin lands on the
 * steps with four of five done, until dismissing them; no one else sees them.
 */
@WebIntegrationTest
class SetupStepsOnDemoDataTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	@AfterEach
	void showTheStepsAgain() {
		jdbc.sql("delete from setup_checklist").update();
	}

	private String page(String path, String username) throws Exception {
		return mvc.perform(get(path).with(as(users, username)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	@Test
	void theDemoAdminLandsOnTheStepsWithOnlyTheCompanyNameOpen() throws Exception {
		jdbc.sql("delete from setup_checklist").update();
		assertThat(page("/", "admin")).contains("Set up your CRM", "4 of 5 steps done")
			.containsPattern("id=\"setup-step-users\"[^>]*setup-done")
			.containsPattern("id=\"setup-step-pipeline\"[^>]*setup-done")
			.containsPattern("id=\"setup-step-queue\"[^>]*setup-done")
			.containsPattern("id=\"setup-step-company\"[^>]*setup-open")
			.containsPattern("id=\"setup-step-mail\"[^>]*setup-done")
			.contains("id=\"setup-dismiss\"");
		for (String other : new String[] { "manager", "rep", "agent", "marketer" }) {
			assertThat(page("/", other)).contains("Your day").doesNotContain("setup-step-");
		}
	}

	@Test
	void dismissedTheStepsGiveWayToTheDayAndStayOnTheAdminMenu() throws Exception {
		mvc.perform(post("/admin/setup/dismiss").with(csrf()).with(as(users, "admin"))).andExpect(redirectedUrl("/"));
		assertThat(page("/", "admin")).contains("Your day").doesNotContain("setup-step-");
		assertThat(page("/admin/setup", "admin")).contains("4 of 5 steps done", "id=\"setup-reopen\"")
			.doesNotContain("id=\"setup-dismiss\"");
		assertThat(page("/accounts", "admin")).contains("href=\"/admin/setup\"");
		// Dismissing twice is no error.
		mvc.perform(post("/admin/setup/dismiss").with(csrf()).with(as(users, "admin"))).andExpect(redirectedUrl("/"));
		mvc.perform(post("/admin/setup/reopen").with(csrf()).with(as(users, "admin")))
			.andExpect(redirectedUrl("/admin/setup"));
		assertThat(page("/", "admin")).contains("Set up your CRM");
	}

}
