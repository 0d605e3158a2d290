package org.opencrm.web.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.opencrm.web.Logins.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.opencrm.core.user.UserService;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@WebIntegrationTest
class UserAdminPagesTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	private MockHttpServletRequestBuilder createUser(String username, String password) {
		return createUser(username, password, "SALES_REP");
	}

	private MockHttpServletRequestBuilder createUser(String username, String password, String role) {
		return post("/admin/users").param("username", username)
			.param("fullName", "New Person")
			.param("role", role)
			.param("enabled", "true")
			.param("password", password)
			.with(csrf())
			.with(as(users, "admin"));
	}

	private long usersNamed(String username) {
		return jdbc.sql("select count(*) from users where lower(username) = lower(?)")
			.param(username)
			.query(Long.class)
			.single();
	}

	@Test
	void anAdminCreatesAUserWhoCanThenSignIn() throws Exception {
		mvc.perform(createUser("fresh.rep", "long enough")).andExpect(redirectedUrl("/admin/users"));
		assertThat(users.loadUserByUsername("fresh.rep").role().name()).isEqualTo("SALES_REP");
	}

	@Test
	void aShortPasswordABadUsernameAndAnUnknownRoleAreFieldMessagesAndSaveNothing() throws Exception {
		mvc.perform(createUser("short.pw", "abc"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("form", "password", "password.tooShort"))
			.andExpect(content().string(containsString("at least 10 characters")));
		mvc.perform(createUser("bad name!", "long enough"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("form", "username"));
		mvc.perform(createUser("bad.role", "long enough", "EMPEROR"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("form", "role"));
		assertThat(usersNamed("short.pw") + usersNamed("bad name!") + usersNamed("bad.role")).isZero();
	}

	@Test
	void aTakenUsernameIsAFieldMessage() throws Exception {
		mvc.perform(createUser("REP", "long enough"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("form", "username", "user.username.taken"));
		assertThat(usersNamed("rep")).isOne();
	}

	@Test
	void aDuplicateTeamNameIsRefusedWithAMessage() throws Exception {
		mvc.perform(post("/admin/teams").param("name", "sales").with(csrf()).with(as(users, "admin")))
			.andExpect(redirectedUrl("/admin/users#teams"))
			.andExpect(flash().attribute("flashError", "flash.fixErrors"));
		assertThat(jdbc.sql("select count(*) from teams where lower(name) = 'sales'").query(Long.class).single())
			.isOne();
	}

	@Test
	void aTaskWithoutADueTimeGoesBackWithAMessageAndIsNotSaved() throws Exception {
		mvc.perform(post("/tasks").param("title", "No due time given")
			.param("assigneeId", String.valueOf(users.loadUserByUsername("rep").id()))
			.param("dueAt", "not a date")
			.param("returnTo", "/tasks")
			.with(csrf())
			.with(as(users, "rep")))
			.andExpect(redirectedUrl("/tasks"))
			.andExpect(flash().attribute("flashError", "flash.fixErrors"));
		assertThat(jdbc.sql("select count(*) from tasks where title = 'No due time given'").query(Long.class).single())
			.isZero();
		mvc.perform(get("/admin/users/{id}/edit", users.loadUserByUsername("rep").id()).with(as(users, "admin")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Field history")));
	}

}
