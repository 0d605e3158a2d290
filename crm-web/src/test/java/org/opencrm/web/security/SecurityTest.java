package org.opencrm.web.security;

import static org.opencrm.web.Logins.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.hamcrest.Matchers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.opencrm.core.user.UserService;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

@WebIntegrationTest
class SecurityTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	@ParameterizedTest
	@ValueSource(strings = { "admin", "manager", "rep", "agent", "marketer" })
	void eachDemoRoleSignsInWithItsPasswordAndReachesTheStartPage(String username) throws Exception {
		mvc.perform(formLogin("/login").user(username).password("demo"))
			.andExpect(authenticated().withUsername(username))
			.andExpect(redirectedUrl("/"));
		mvc.perform(get("/").with(as(users, username))).andExpect(status().isOk());
	}

	@Test
	void aWrongPasswordIsRefusedWithAMessage() throws Exception {
		mvc.perform(formLogin("/login").user("rep").password("wrong"))
			.andExpect(unauthenticated())
			.andExpect(redirectedUrl("/login?error"));
		mvc.perform(get("/login").param("error", ""))
			.andExpect(content().string(Matchers.containsString("Wrong username or password")));
	}

	@Test
	void anonymousVisitorsAreSentToTheLoginPage() throws Exception {
		mvc.perform(get("/accounts"))
			.andExpect(status().isFound())
			.andExpect(header().string("Location", Matchers.endsWith("/login")));
	}

	/**
	 * Every non-admin role has pages it may not open (the browser journey checks the page
	 * they see).
	 */
	@ParameterizedTest
	@CsvSource({ "manager,/admin/users", "rep,/admin/users", "agent,/admin/users/new", "marketer,/admin/users" })
	void rolesWithoutAdminRightsGetTheForbiddenPage(String username, String path) throws Exception {
		mvc.perform(get(path).with(as(users, username)).accept(MediaType.TEXT_HTML)).andExpect(status().isForbidden());
	}

	@Test
	void onlyAdminsAndManagersMayDeleteCustomers() throws Exception {
		long id = jdbc
			.sql("insert into accounts (name, lifecycle_stage) values ('Delete Guard Ltd', 'LEAD') returning id")
			.query(Long.class)
			.single();
		mvc.perform(post("/accounts/{id}/delete", id).param("version", "0").with(csrf()).with(as(users, "rep")))
			.andExpect(status().isForbidden());
		mvc.perform(post("/accounts/{id}/delete", id).param("version", "0").with(csrf()).with(as(users, "manager")))
			.andExpect(redirectedUrl("/accounts"));
	}

	@Test
	void aPostWithoutCsrfTokenIsRejectedAndChangesNothing() throws Exception {
		long before = jdbc.sql("select count(*) from accounts").query(Long.class).single();
		mvc.perform(
				post("/accounts").param("name", "No Token GmbH").param("lifecycleStage", "LEAD").with(as(users, "rep")))
			.andExpect(status().isForbidden());
		mvc.perform(post("/accounts").param("name", "No Token GmbH")
			.param("lifecycleStage", "LEAD")
			.with(csrf().useInvalidToken())
			.with(as(users, "rep"))).andExpect(status().isForbidden());
		org.assertj.core.api.Assertions.assertThat(jdbc.sql("select count(*) from accounts").query(Long.class).single())
			.isEqualTo(before);
	}

	@Test
	void pagesCarryTheBrowserProtections() throws Exception {
		mvc.perform(get("/login"))
			.andExpect(header().string("Content-Security-Policy", Matchers.containsString("default-src 'self'")))
			.andExpect(header().string("Content-Security-Policy", Matchers.containsString("frame-ancestors 'none'")))
			.andExpect(header().string("Referrer-Policy", "same-origin"))
			.andExpect(header().string("X-Frame-Options", "DENY"))
			.andExpect(header().string("X-Content-Type-Options", "nosniff"));
	}

	@Test
	void logoutEndsTheSession() throws Exception {
		mvc.perform(post("/logout").with(csrf()).with(as(users, "rep")))
			.andExpect(redirectedUrl("/login?logout"))
			.andExpect(unauthenticated());
	}

	@Test
	void theSessionLivesInPostgresql() throws Exception {
		var login = mvc.perform(formLogin("/login").user("marketer").password("demo")).andReturn();
		var cookie = login.getResponse().getCookie("SESSION");
		org.assertj.core.api.Assertions.assertThat(cookie).isNotNull();
		org.assertj.core.api.Assertions.assertThat(login.getResponse().getHeaders("Set-Cookie"))
			.anySatisfy(h -> org.assertj.core.api.Assertions.assertThat(h)
				.startsWith("SESSION=")
				.contains("HttpOnly")
				.contains("SameSite=Lax"));
		long sessions = jdbc.sql("select count(*) from spring_session where principal_name = 'marketer'")
			.query(Long.class)
			.single();
		org.assertj.core.api.Assertions.assertThat(sessions).isPositive();
		// The cookie alone, with no other state in this JVM's memory, signs the next
		// request in.
		mvc.perform(get("/tasks").cookie(cookie)).andExpect(status().isOk());
	}

}
