package org.opencrm.web.api;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.opencrm.core.shared.EmailAddress;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.shared.StaleEditException;
import org.opencrm.core.shared.ValidCountry;
import org.opencrm.core.shared.ValidCurrency;
import org.opencrm.core.shared.ValidEmail;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@WebIntegrationTest
@Import(ApiProblemsTest.ProbeApi.class)
class ApiProblemsTest {

	@Autowired
	MockMvc mvc;

	@RestController
	static class ProbeApi {

		record Body(@NotBlank String name, @PositiveOrZero BigDecimal amount) {
		}

		record Customer(@ValidEmail String email, @ValidCountry String country, @ValidCurrency String currency) {
		}

		@PostMapping("/api/v1/probe/customers")
		Customer customer(@Valid @RequestBody Customer body) {
			return body;
		}

		@PostMapping("/api/v1/probe")
		Body create(@Valid @RequestBody Body body) {
			return body;
		}

		@GetMapping("/api/v1/probe/{what}")
		String fail(@PathVariable String what) {
			switch (what) {
				case "missing" -> throw new NotFoundException("probe", 1);
				case "stale" -> throw new StaleEditException("probe", 1L, 1, 2);
				case "rule" -> throw new RuleViolationException("probe.rule", "Leads can't be converted twice.");
				case "email" -> throw new IllegalStateException("never: " + new EmailAddress("no-domain@localhost"));
				default -> {
					return what;
				}
			}
		}

	}

	@Test
	void anonymousCallsGetA401ProblemAndABasicChallenge() throws Exception {
		mvc.perform(get("/api/v1/probe/ok"))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string("WWW-Authenticate", "Basic realm=\"opencrm\""))
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
			.andExpect(jsonPath("$.status").value(401));
	}

	@Test
	void wrongPasswordIsA401Problem() throws Exception {
		mvc.perform(get("/api/v1/probe/ok").with(httpBasic("rep", "wrong")))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.type").value("https://opencrm.org/problems/unauthorized"));
	}

	@Test
	void basicAuthenticationOpensTheApiWithoutCsrfOrSession() throws Exception {
		mvc.perform(post("/api/v1/probe").with(httpBasic("rep", "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"Deal\",\"amount\":10}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.name").value("Deal"))
			.andExpect(header().doesNotExist("Set-Cookie"));
	}

	@Test
	void invalidFieldsAreListedInA400Problem() throws Exception {
		mvc.perform(post("/api/v1/probe").with(httpBasic("rep", "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\" \",\"amount\":-5}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
			.andExpect(jsonPath("$.type").value("https://opencrm.org/problems/validation"))
			.andExpect(jsonPath("$.errors.length()").value(2))
			.andExpect(jsonPath("$.errors[?(@.field == 'amount')].message").exists());
	}

	@Test
	void theValueTypesRulesOnAnApiRecordAre400ProblemsNamingEachField() throws Exception {
		mvc.perform(post("/api/v1/probe/customers").with(httpBasic("rep", "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"email\":\"a@b\",\"country\":\"Atlantis\",\"currency\":\"XYZ\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("https://opencrm.org/problems/validation"))
			.andExpect(jsonPath("$.errors.length()").value(3))
			.andExpect(jsonPath("$.errors[?(@.field == 'email')].message")
				.value("Enter a valid e-mail address, like name@example.com."))
			.andExpect(jsonPath("$.errors[?(@.field == 'country')].message").exists())
			.andExpect(jsonPath("$.errors[?(@.field == 'currency')].message").exists());
	}

	@Test
	void aRuleAboutOneInputIsA400ProblemNamingItsField() throws Exception {
		mvc.perform(get("/api/v1/probe/email").with(httpBasic("rep", "demo")))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
			.andExpect(jsonPath("$.code").value("email.invalid"))
			.andExpect(jsonPath("$.errors[0].field").value("email"))
			.andExpect(jsonPath("$.errors[0].message").value("Enter a valid e-mail address, like name@example.com."));
	}

	@Test
	void unreadableJsonIsA400ProblemNotAStackTrace() throws Exception {
		mvc.perform(post("/api/v1/probe").with(httpBasic("rep", "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
			.andExpect(jsonPath("$.trace").doesNotExist());
	}

	@Test
	void domainErrorsMapTo404And409And422() throws Exception {
		mvc.perform(get("/api/v1/probe/missing").with(httpBasic("rep", "demo")))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.type").value("https://opencrm.org/problems/not-found"));
		mvc.perform(get("/api/v1/probe/stale").with(httpBasic("rep", "demo"))).andExpect(status().isConflict());
		mvc.perform(get("/api/v1/probe/rule").with(httpBasic("rep", "demo")))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.detail").value("Leads can't be converted twice."))
			.andExpect(jsonPath("$.code").value("probe.rule"));
	}

}
