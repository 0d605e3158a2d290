package org.opencrm.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.opencrm.web.Logins.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.opencrm.core.user.Role;
import org.opencrm.core.user.UserCommand;
import org.opencrm.core.user.PortalLogins;
import org.opencrm.core.user.UserService;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Staff and portal customers change their own password; the account's other sessions end.
 */
@WebIntegrationTest
class PasswordChangeTest {

	static final String OLD = "kettle-harbour-17";

	static final String NEW = "lantern-meadow-42";

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	PortalLogins portalLogins;

	@Autowired
	JdbcClient jdbc;

	private Cookie signIn(String username, String password) throws Exception {
		var login = mvc.perform(post("/login").param("username", username).param("password", password).with(csrf()))
			.andExpect(authenticated())
			.andReturn();
		return login.getResponse().getCookie("SESSION");
	}

	@Test
	void staffFindThePageInTheirMenuAndNeedTheCurrentPassword() throws Exception {
		users.createUser(new UserCommand("changes.own", "Changes Own", null, Role.SUPPORT_AGENT, null, true, OLD, 0));
		mvc.perform(get("/").with(as(users, "changes.own")))
			.andExpect(content().string(containsString("/me/password")));
		mvc.perform(get("/me/password").with(as(users, "changes.own")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Current password")))
			.andExpect(content().string(containsString("action=\"/me/password\"")));

		mvc.perform(post("/me/password").param("currentPassword", "not-my-password")
			.param("newPassword", NEW)
			.param("newPasswordRepeat", NEW)
			.with(csrf())
			.with(as(users, "changes.own")))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("form", "currentPassword", "password.current.wrong"));
		mvc.perform(post("/me/password").param("currentPassword", OLD)
			.param("newPassword", "Password123")
			.param("newPasswordRepeat", "Password123")
			.with(csrf())
			.with(as(users, "changes.own")))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("form", "newPassword", "password.common"));
		mvc.perform(post("/me/password").param("currentPassword", OLD)
			.param("newPassword", NEW)
			.param("newPasswordRepeat", "something-else-42")
			.with(csrf())
			.with(as(users, "changes.own")))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("form", "newPasswordRepeat", "password.mismatch"));

		mvc.perform(post("/me/password").param("currentPassword", OLD)
			.param("newPassword", NEW)
			.param("newPasswordRepeat", NEW)
			.with(csrf())
			.with(as(users, "changes.own")))
			.andExpect(redirectedUrl("/"))
			.andExpect(flash().attribute("flash", "flash.password.changed"));
		signIn("changes.own", NEW);
	}

	@Test
	void aNewPasswordEndsTheOtherSessionsAndRenewsThisOnesId() throws Exception {
		users.createUser(new UserCommand("two.browsers", "Two Browsers", null, Role.SALES_REP, null, true, OLD, 0));
		Cookie laptop = signIn("two.browsers", OLD);
		Cookie phone = signIn("two.browsers", OLD);
		mvc.perform(get("/tasks").cookie(phone)).andExpect(status().isOk());

		var change = mvc
			.perform(post("/me/password").cookie(laptop)
				.param("currentPassword", OLD)
				.param("newPassword", NEW)
				.param("newPasswordRepeat", NEW)
				.with(csrf()))
			.andExpect(redirectedUrl("/"))
			.andReturn();

		Cookie renewed = change.getResponse().getCookie("SESSION");
		assertThat(renewed).isNotNull();
		assertThat(renewed.getValue()).isNotEqualTo(laptop.getValue());
		mvc.perform(get("/tasks").cookie(renewed)).andExpect(status().isOk());
		mvc.perform(get("/tasks").cookie(phone))
			.andExpect(status().isFound())
			.andExpect(header().string("Location", endsWith("/login")));
		assertThat(jdbc.sql("select count(*) from spring_session where principal_name = 'two.browsers'")
			.query(Long.class)
			.single()).isOne();
	}

	@Test
	void aPortalCustomerChangesTheirsInThePortal() throws Exception {
		long contact = jdbc.sql("""
				select c.id from contacts c where c.email is not null
				and not exists (select 1 from users u where u.contact_id = c.id) order by c.id limit 1
				""").query(Long.class).single();
		portalLogins.createCustomer("portal.changer", "Portal Changer", "portal.changer@example.com", OLD, contact,
				true);
		mvc.perform(get("/portal").with(as(users, "portal.changer")))
			.andExpect(content().string(containsString("/portal/password")));
		mvc.perform(get("/portal/password").with(as(users, "portal.changer")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Current password")))
			.andExpect(content().string(containsString("action=\"/portal/password\"")));
		mvc.perform(post("/portal/password").param("currentPassword", OLD)
			.param("newPassword", NEW)
			.param("newPasswordRepeat", NEW)
			.with(csrf())
			.with(as(users, "portal.changer"))).andExpect(redirectedUrl("/portal"));
		signIn("portal.changer", NEW);
		mvc.perform(get("/me/password").with(as(users, "portal.changer"))).andExpect(status().isForbidden());
	}

}
