package org.opencrm.web;

import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.UserService;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;

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

}
