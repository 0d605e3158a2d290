package org.opencrm.web.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasProperty;
import static org.hamcrest.Matchers.is;
import static org.opencrm.web.Logins.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.validation.Valid;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.opencrm.core.shared.EmailAddress;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.user.UserService;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
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
@Import(RuleViolationAdviceTest.ProbePage.class)
class RuleViolationAdviceTest {

	/** A form page whose service rules are the value types'. */
	@Controller
	static class ProbePage {

		public static class ProbeForm {

			private String email;

			private String name;

			public String getEmail() {
				return email;
			}

			public void setEmail(String email) {
				this.email = email;
			}

			public String getName() {
				return name;
			}

			public void setName(String name) {
				this.name = name;
			}

		}

		final AtomicInteger saved = new AtomicInteger();

		@PostMapping("/probe/form")
		@OnRuleViolation(form = "form")
		String save(@Valid @ModelAttribute("form") ProbeForm form, BindingResult result, Model model) {
			if (result.hasErrors()) {
				model.addAttribute("formAgain", true);
				return "error/400";
			}
			if ("whole".equals(form.getName())) {
				throw new RuleViolationException("probe.rule", "Not now.");
			}
			// As a service would: the value type checks the input.
			EmailAddress.normalise(form.getEmail());
			saved.incrementAndGet();
			return "redirect:/";
		}

		/** Forgets to look at hasErrors() first. */
		@PostMapping("/probe/careless")
		@OnRuleViolation(form = "form")
		String careless(@Valid @ModelAttribute("form") ProbeForm form, BindingResult result) {
			EmailAddress.normalise(form.getEmail());
			return "redirect:/";
		}

	}

	@Autowired
	ProbePage probe;

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
	void aRuleAboutOneFieldComesBackOnThatFieldOfTheFormAsTyped() throws Exception {
		int before = probe.saved.get();
		mvc.perform(post("/probe/form").param("email", "typed@nowhere")
			.param("name", "Typed")
			.with(as(users, "rep"))
			.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(model().attribute("formAgain", true))
			.andExpect(model().attributeHasFieldErrorCode("form", "email", "email.invalid"))
			.andExpect(model().attribute("form", hasProperty("email", is("typed@nowhere"))))
			.andExpect(model().attribute("form", hasProperty("name", is("Typed"))));
		assertThat(probe.saved.get()).isEqualTo(before);
	}

	@Test
	void aRuleAboutTheWholeFormIsAFormErrorNotAFieldOne() throws Exception {
		mvc.perform(post("/probe/form").param("email", "ok@fine.example")
			.param("name", "whole")
			.with(as(users, "rep"))
			.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(model().attribute("formAgain", true))
			.andExpect(model().attributeErrorCount("form", 1))
			.andExpect(answer -> assertThat(
					((BindingResult) answer.getModelAndView().getModel().get(BindingResult.MODEL_KEY_PREFIX + "form"))
						.getGlobalError()
						.getCode())
				.isEqualTo("probe.rule"));
	}

	@Test
	void aFormHandlerThatBreaksTheRuleAgainStillAnswersWithTheFlashNotAnErrorPage() throws Exception {
		mvc.perform(post("/probe/careless").param("email", "again@nowhere").with(as(users, "rep")).with(csrf()))
			.andExpect(redirectedUrl("/"))
			.andExpect(flash().attribute("flashError", "email.invalid"));
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
