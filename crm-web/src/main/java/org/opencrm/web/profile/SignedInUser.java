package org.opencrm.web.profile;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.opencrm.core.user.CrmUser;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * Puts a changed copy of the signed-in user into this session (the session keeps it
 * between requests, so the user's new language and zone apply from the next page on).
 * Only a session sign-in is changed; a request signed in otherwise (an API token) reads
 * the user afresh each time anyway.
 */
@Component
class SignedInUser {

	/** Where form login keeps the context: the request, then the session. */
	private final SecurityContextRepository contexts = new DelegatingSecurityContextRepository(
			new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository());

	void replace(CrmUser user, HttpServletRequest request, HttpServletResponse response) {
		Authentication current = SecurityContextHolder.getContext().getAuthentication();
		if (!(current instanceof UsernamePasswordAuthenticationToken)) {
			return;
		}
		UsernamePasswordAuthenticationToken changed = UsernamePasswordAuthenticationToken.authenticated(user,
				current.getCredentials(), current.getAuthorities());
		changed.setDetails(current.getDetails());
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(changed);
		SecurityContextHolder.setContext(context);
		contexts.saveContext(context, request, response);
	}

}
