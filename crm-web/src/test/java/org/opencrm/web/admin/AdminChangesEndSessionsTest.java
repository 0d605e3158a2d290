package org.opencrm.web.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.opencrm.web.Logins.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.user.Role;
import org.opencrm.core.user.UserCommand;
import org.opencrm.core.user.UserService;
import org.opencrm.core.user.UserSummary;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * An admin's change to someone's access (disabled, new role or team, a password set,
 * second factor reset) ends that person's open sessions: the session carries the role and
 * team it signed in with.
 */
@WebIntegrationTest
class AdminChangesEndSessionsTest {

	static final String PASSWORD = "kettle-harbour-17";

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	private UserSummary newRep() {
		String username = "sessions." + UUID.randomUUID().toString().substring(0, 8);
		long id = users
			.createUser(new UserCommand(username, "Sam Sessions", null, Role.SALES_REP, null, true, PASSWORD, 0));
		return users.getUser(id);
	}

	/** A real session (Spring Session's cookie) from the sign-in form. */
	private Cookie signIn(String username, String password) throws Exception {
		return mvc.perform(post("/login").param("username", username).param("password", password).with(csrf()))
			.andExpect(authenticated())
			.andReturn()
			.getResponse()
			.getCookie("SESSION");
	}

	/**
	 * The admin's user form, as the edit page posts it, with the person's current values.
	 */
	private MockHttpServletRequestBuilder save(UserSummary u) {
		return save(u, u.enabled());
	}

	private MockHttpServletRequestBuilder save(UserSummary u, boolean enabled) {
		var post = post("/admin/users/{id}", u.id()).param("username", u.username())
			.param("fullName", u.fullName())
			.param("role", u.role().name())
			.param("version", String.valueOf(u.version()))
			.with(csrf());
		if (enabled) {
			post.param("enabled", "true");
		}
		return post;
	}

	private void stillSignedIn(Cookie session) throws Exception {
		mvc.perform(get("/tasks").cookie(session)).andExpect(status().isOk());
	}

	private void signedOut(Cookie session) throws Exception {
		mvc.perform(get("/tasks").cookie(session))
			.andExpect(status().isFound())
			.andExpect(header().string("Location", endsWith("/login")));
	}

	@Test
	void disablingAUserEndsTheirOpenSessions() throws Exception {
		UserSummary rep = newRep();
		Cookie laptop = signIn(rep.username(), PASSWORD);
		Cookie phone = signIn(rep.username(), PASSWORD);
		stillSignedIn(laptop);

		mvc.perform(save(rep, false).with(as(users, "admin"))).andExpect(redirectedUrl("/admin/users"));

		signedOut(laptop);
		signedOut(phone);
	}

	@Test
	void aPasswordSetByAnAdminEndsTheUsersSessionsAndTheNewOneSignsIn() throws Exception {
		UserSummary rep = newRep();
		Cookie session = signIn(rep.username(), PASSWORD);

		mvc.perform(save(rep).param("password", "lantern-meadow-42").with(as(users, "admin")))
			.andExpect(redirectedUrl("/admin/users"));

		signedOut(session);
		stillSignedIn(signIn(rep.username(), "lantern-meadow-42"));
	}

	@Test
	void aNewRoleEndsTheSessionsButANewNameDoesNot() throws Exception {
		UserSummary rep = newRep();
		Cookie session = signIn(rep.username(), PASSWORD);

		mvc.perform(save(new UserSummary(rep.id(), rep.username(), "Samantha Sessions", null, rep.role(), null, null,
				true, rep.version()))
			.with(as(users, "admin"))).andExpect(redirectedUrl("/admin/users"));
		assertThat(users.getUser(rep.id()).fullName()).isEqualTo("Samantha Sessions");
		stillSignedIn(session);

		UserSummary renamed = users.getUser(rep.id());
		mvc.perform(save(new UserSummary(rep.id(), rep.username(), renamed.fullName(), null, Role.SUPPORT_AGENT, null,
				null, true, renamed.version()))
			.with(as(users, "admin"))).andExpect(redirectedUrl("/admin/users"));
		assertThat(users.getUser(rep.id()).role()).isEqualTo(Role.SUPPORT_AGENT);
		signedOut(session);
	}

	@Test
	void resettingTheSecondFactorEndsTheUsersSessions() throws Exception {
		UserSummary rep = newRep();
		Cookie session = signIn(rep.username(), PASSWORD);

		mvc.perform(post("/admin/users/{id}/second-factor/reset", rep.id()).with(as(users, "admin")).with(csrf()))
			.andExpect(redirectedUrl("/admin/users/" + rep.id() + "/edit"));

		signedOut(session);
	}

	@Test
	void anAdminSettingTheirOwnPasswordOnTheFormIsSignedOutCleanly() throws Exception {
		String username = "self.admin." + UUID.randomUUID().toString().substring(0, 8);
		long id = users.createUser(new UserCommand(username, "Ada Self", null, Role.ADMIN, null, true, PASSWORD, 0));
		Cookie session = signIn(username, PASSWORD);

		mvc.perform(save(users.getUser(id)).param("password", "lantern-meadow-42").cookie(session))
			.andExpect(redirectedUrl("/admin/users"));

		signedOut(session);
	}

}
