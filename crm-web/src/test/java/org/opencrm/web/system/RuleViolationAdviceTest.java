package org.opencrm.web.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.opencrm.web.Logins.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.opencrm.core.user.UserService;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.util.HtmlUtils;

/**
 * A broken business rule is answered in one place: ErrorPages for pages, ApiProblems for
 * the API.
 */
@WebIntegrationTest
class RuleViolationAdviceTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MessageSource messages;

	long newLeadOfRep() {
		return jdbc.sql("select min(id) from leads where owner_id = ? and status = 'NEW'")
			.param(users.loadUserByUsername("rep").id())
			.query(Long.class)
			.single();
	}

	@Test
	void aRuleBrokenOnAPageGoesBackToTheDeclaredPageWhichShowsTheRulesMessage() throws Exception {
		long lead = newLeadOfRep();
		String text = messages.getMessage("lead.convert.notQualified", null, Locale.ENGLISH);
		MvcResult refused = mvc
			.perform(post("/leads/" + lead + "/convert").with(as(users, "rep")).with(csrf()).param("version", "0"))
			.andExpect(redirectedUrl("/leads/" + lead))
			.andExpect(flash().attribute("ruleError", text))
			.andExpect(flash().attribute("flashError", "lead.convert.notQualified"))
			.andReturn();
		// Following the redirect: the flash travels in the (JDBC-stored) session the
		// refusal's cookie names.
		mvc.perform(get("/leads/" + lead).with(as(users, "rep")).cookie(refused.getResponse().getCookies()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"rule-error\"")))
			.andExpect(content().string(containsString(HtmlUtils.htmlEscape(text))));
		assertThat(jdbc.sql("select status from leads where id = ?").param(lead).query(String.class).single())
			.isEqualTo("NEW");
	}

	@Test
	void theSameRuleOnTheApiIsA422ProblemWithItsCode() throws Exception {
		mvc.perform(post("/api/v1/leads/" + newLeadOfRep() + "/conversion").with(httpBasic("rep", "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"version\": 0}"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.code").value("lead.convert.notQualified"))
			.andExpect(
					jsonPath("$.detail").value(messages.getMessage("lead.convert.notQualified", null, Locale.ENGLISH)));
	}

}
