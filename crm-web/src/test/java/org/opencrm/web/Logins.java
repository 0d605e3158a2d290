package org.opencrm.web;

import jakarta.servlet.http.Cookie;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.UserService;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Signs a MockMvc request in as one of the demo users, with the same principal a real
 * login makes.
 */
public final class Logins {

	private Logins() {
	}

	public static RequestPostProcessor as(UserService users, String username) {
		CrmUser user = users.loadUserByUsername(username).withoutPassword();
		return authentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
	}

	/**
	 * Signs a demo user in through the login form (password {@code demo}) and returns the
	 * session cookie, for tests of the real, PostgreSQL-backed session.
	 */
	public static Cookie signIn(MockMvc mvc, String username) throws Exception {
		return signIn(mvc, username, "demo");
	}

	/** The same for a user with their own password. */
	public static Cookie signIn(MockMvc mvc, String username, String password) throws Exception {
		return mvc.perform(post("/login").param("username", username).param("password", password).with(csrf()))
			.andExpect(authenticated())
			.andReturn()
			.getResponse()
			.getCookie("SESSION");
	}

}
