package org.opencrm.web.security;

import jakarta.servlet.http.HttpServletRequest;
import org.opencrm.core.user.SecurityLog;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authorization.event.AuthorizationDeniedEvent;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Sign-ins (success and failure) and denied requests as security log events, from the
 * events Spring Security publishes: the login flow itself stays standard. The request id
 * is in the MDC ({@code RequestIdFilter}). The password is never logged: only the name
 * typed.
 */
@Component
class SecurityEvents {

	/**
	 * A person signing in on the form at INFO; the API's HTTP Basic signs in on every
	 * request, so its successes are DEBUG (its failures and lockouts stay WARN like the
	 * form's).
	 */
	@EventListener
	void success(AuthenticationSuccessEvent event) {
		Authentication auth = event.getAuthentication();
		var e = auth.getDetails() instanceof ApiSignInDetails ? SecurityLog.debug("login.success")
				: SecurityLog.info("login.success");
		e.addKeyValue("username", auth.getName())
			.addKeyValue("remoteAddr", ThrottledAuthenticationProvider.remoteAddress(auth))
			.log();
	}

	@EventListener
	void failure(AbstractAuthenticationFailureEvent event) {
		Authentication auth = event.getAuthentication();
		SecurityLog.warn("login.failure")
			.addKeyValue("username", auth.getName())
			.addKeyValue("remoteAddr", ThrottledAuthenticationProvider.remoteAddress(auth))
			.addKeyValue("reason", reason(event.getException()))
			.log();
	}

	/**
	 * 403s: a signed-in user asked for what their role may not use (anonymous ones are
	 * sent to sign in).
	 */
	@EventListener
	void denied(AuthorizationDeniedEvent<?> event) {
		Authentication auth = event.getAuthentication().get();
		if (auth == null || auth instanceof AnonymousAuthenticationToken || !auth.isAuthenticated()) {
			return;
		}
		var e = SecurityLog.warn("access.denied").addKeyValue("username", auth.getName());
		if (event.getObject() instanceof HttpServletRequest request) {
			e = e.addKeyValue("method", request.getMethod())
				.addKeyValue("path", request.getRequestURI())
				.addKeyValue("remoteAddr", request.getRemoteAddr());
		}
		e.log();
	}

	private static String reason(Exception ex) {
		if (ex instanceof LoginThrottledException) {
			return "throttled";
		}
		if (ex instanceof BadCredentialsException) {
			return "bad credentials";
		}
		if (ex instanceof DisabledException) {
			return "disabled";
		}
		return ex.getClass().getSimpleName();
	}

}
