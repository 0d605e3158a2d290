package org.opencrm.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.opencrm.web.Logins.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opencrm.core.user.UserService;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The same password rule on the admin's user form and the portal's registration. */
@WebIntegrationTest
class PasswordRulesPagesTest {

	/**
	 * 40 characters, 76 bytes in UTF-8: under the forms' 100-character cap, with letters
	 * and digits, but over BCrypt's 72 bytes.
	 */
	static final String LONG_UNICODE = "ü".repeat(36) + "2026";

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	private MockHttpServletRequestBuilder adminCreates(String username, String password) {
		return post("/admin/users").param("username", username)
			.param("fullName", "New Person")
			.param("role", "SALES_REP")
			.param("enabled", "true")
			.param("password", password)
			.with(csrf())
			.with(as(users, "admin"));
	}

	private MockHttpServletRequestBuilder registers(String username, String password) {
		return post("/portal/register").param("firstName", "Rule")
			.param("lastName", "Tester")
			.param("email", username + "@rules.example")
			.param("username", username)
			.param("password", password)
			.param("passwordRepeat", password)
			.with(csrf());
	}

	private long usersNamed(String username) {
		return jdbc.sql("select count(*) from users where lower(username) = lower(?)")
			.param(username)
			.query(Long.class)
			.single();
	}

	@ParameterizedTest
	@CsvSource({ "rules.a, Password123, password.common", "rules.b, password, password.tooShort",
			"rules.c, Football2026!, password.common", "rules.d, my-RULES.D-secret, password.containsUsername",
			"rules.e, aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa, password.tooLong" })
	void anAdminCannotGiveAUserAWeakOrOverlongPassword(String username, String password, String code) throws Exception {
		mvc.perform(adminCreates(username, password))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("form", "password", code));
		assertThat(usersNamed(username)).isZero();
	}

	@Test
	void anOverlongPasswordOnTheAdminFormIsAFieldMessageNotAServerError() throws Exception {
		mvc.perform(adminCreates("rules.long", LONG_UNICODE))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("form", "password", "password.tooLong"))
			.andExpect(content().string(containsString("at most 72 bytes")));
		long rep = users.loadUserByUsername("rep").id();
		mvc.perform(post("/admin/users/{id}", rep).param("username", "rep")
			.param("fullName", "Rep")
			.param("role", "SALES_REP")
			.param("enabled", "true")
			.param("password", LONG_UNICODE)
			.param("version", String.valueOf(users.getUser(rep).version()))
			.with(csrf())
			.with(as(users, "admin")))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("form", "password", "password.tooLong"));
	}

	@ParameterizedTest
	@CsvSource({ "reg.common, Password123, password.common", "reg.mine, reg.mine-forever, password.containsUsername" })
	void thePortalRefusesWeakPasswordsWithAFieldMessage(String username, String password, String code)
			throws Exception {
		mvc.perform(registers(username, password))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("form", "password", code));
		assertThat(usersNamed(username)).isZero();
	}

	@Test
	void anOverlongPasswordOnThePublicRegistrationIsAFieldMessageNotAServerError() throws Exception {
		mvc.perform(registers("reg.long", LONG_UNICODE))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("form", "password", "password.tooLong"))
			.andExpect(content().string(containsString("at most 72 bytes")));
		assertThat(usersNamed("reg.long")).isZero();
	}

	@Test
	void aGoodPasswordStillWorksEverywhere() throws Exception {
		mvc.perform(adminCreates("rules.ok", "kettle-harbour-17")).andExpect(redirectedUrl("/admin/users"));
		mvc.perform(registers("reg.ok", "kettle-harbour-17")).andExpect(redirectedUrl("/login?registered"));
	}

}
