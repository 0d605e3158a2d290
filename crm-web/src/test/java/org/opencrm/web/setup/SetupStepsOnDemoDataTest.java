package org.opencrm.web.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.opencrm.web.Logins.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

	/** Each step's key and state (done, open) as the page lists them, in order. */
	static Map<String, String> stepStates(String html) {
		Map<String, String> states = new LinkedHashMap<>();
		Matcher step = STEP.matcher(html);
		while (step.find()) {
			Matcher state = STATE.matcher(step.group());
			Matcher key = KEY.matcher(step.group());
			if (state.find() && key.find()) {
				states.put(key.group(1), state.group(1));
			}
		}
		return states;
	}

	private static final Pattern STEP = Pattern.compile("<li[^>]*id=\"setup-step-[a-z]+\"[^>]*>");

	private static final Pattern KEY = Pattern.compile("id=\"setup-step-([a-z]+)\"");

	private static final Pattern STATE = Pattern.compile("\\bsetup-(done|open)\\b");

	@Test
	void theDemoAdminLandsOnTheStepsWithOnlyTheCompanyNameOpen() throws Exception {
		jdbc.sql("delete from setup_checklist").update();
		String start = page("/", "admin");
		assertThat(start).contains("Set up your CRM", "4 of 5 steps done", "id=\"setup-dismiss\"");
		assertThat(stepStates(start)).containsExactly(entry("users", "done"), entry("pipeline", "done"),
				entry("queue", "done"), entry("company", "open"), entry("mail", "done"));
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
