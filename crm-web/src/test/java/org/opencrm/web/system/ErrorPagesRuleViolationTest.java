package org.opencrm.web.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencrm.core.shared.RuleViolationException;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.support.RedirectAttributesModelMap;

/** Where ErrorPages sends a page back to after a broken rule, and what it says there. */
class ErrorPagesRuleViolationTest {

	static class Pages {

		@OnRuleViolation(redirect = "/leads/{id}")
		String declared() {
			return null;
		}

		@OnRuleViolation(redirect = "/admin/pipelines?pipeline={id}")
		String withQuery() {
			return null;
		}

		String undeclared() {
			return null;
		}

	}

	final StaticMessageSource messages = new StaticMessageSource();

	final ErrorPages pages = new ErrorPages(messages,
			new StaticListableBeanFactory().getBeanProvider(RequestMappingHandlerAdapter.class), null);

	final RedirectAttributesModelMap redirect = new RedirectAttributesModelMap();

	@BeforeEach
	void english() {
		messages.addMessage("rule.known", Locale.ENGLISH, "Needs {0} first.");
		LocaleContextHolder.setLocale(Locale.ENGLISH);
	}

	@AfterEach
	void reset() {
		LocaleContextHolder.resetLocaleContext();
	}

	static HandlerMethod handler(String name) throws NoSuchMethodException {
		return new HandlerMethod(new Pages(), Pages.class.getDeclaredMethod(name));
	}

	static MockHttpServletRequest request(String referer) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/leads/7/convert");
		request.setAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, Map.of("id", "7"));
		if (referer != null) {
			request.addHeader("Referer", referer);
		}
		return request;
	}

	String answer(String handler, String referer, RuleViolationException ex) throws Exception {
		return pages.ruleViolation(ex, handler(handler), request(referer), new MockHttpServletResponse(), redirect)
			.getViewName();
	}

	@Test
	void theDeclaredPageWithItsPathVariablesAndTheMessageWithItsArguments() throws Exception {
		assertThat(answer("declared", "http://localhost/elsewhere",
				new RuleViolationException("rule.known", "Default text", "approval")))
			.isEqualTo("redirect:/leads/7");
		assertThat(redirect.getFlashAttributes().get("ruleError")).isEqualTo("Needs approval first.");
		assertThat(redirect.getFlashAttributes().get("flashError")).isEqualTo("rule.known");
	}

	@Test
	void aDeclaredPageMayCarryAPathVariableInItsQuery() throws Exception {
		assertThat(answer("withQuery", null, new RuleViolationException("rule.known", "Default text", "x")))
			.isEqualTo("redirect:/admin/pipelines?pipeline=7");
	}

	@Test
	void aCodeMissingFromTheBundleShowsTheExceptionsOwnText() throws Exception {
		answer("declared", null, new RuleViolationException("rule.unknown", "Default text"));
		assertThat(redirect.getFlashAttributes().get("ruleError")).isEqualTo("Default text");
	}

	@Test
	void undeclaredGoesBackToASameSiteRefererAndOtherwiseHome() throws Exception {
		RuleViolationException ex = new RuleViolationException("rule.known", "Default text", "x");
		assertThat(answer("undeclared", "http://localhost/contacts/3?tab=log", ex))
			.isEqualTo("redirect:/contacts/3?tab=log");
		assertThat(answer("undeclared", null, ex)).isEqualTo("redirect:/");
		assertThat(answer("undeclared", "https://evil.example/contacts/3", ex)).isEqualTo("redirect:/");
		assertThat(answer("undeclared", "http://localhost.evil.example/contacts/3", ex)).isEqualTo("redirect:/");
		assertThat(answer("undeclared", "http://localhost//evil.example/x", ex)).isEqualTo("redirect:/");
		// The failing page itself would only fail again.
		assertThat(answer("undeclared", "http://localhost/leads/7/convert", ex)).isEqualTo("redirect:/");
	}

}
