package org.opencrm.web.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The details of an HTTP Basic sign-in on the API (every request signs in), so the
 * security log can tell it from a person signing in on the form.
 */
final class ApiSignInDetails extends WebAuthenticationDetails {

	private static final long serialVersionUID = 1L;

	ApiSignInDetails(HttpServletRequest request) {
		super(request);
	}

}
