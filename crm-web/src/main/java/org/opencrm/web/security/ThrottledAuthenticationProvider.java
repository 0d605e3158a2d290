package org.opencrm.web.security;

import java.time.Instant;
import java.util.Optional;
import org.opencrm.core.user.LoginThrottle;
import org.opencrm.core.user.SecurityLog;
import org.springframework.security.authentication.AccountStatusException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Puts {@link LoginThrottle} around the password check, for the login form and HTTP Basic
 * alike: a locked account or address is refused before BCrypt runs; a wrong password (or
 * a disabled account: it must look the same) counts; a success clears the account's
 * count. Wrapping the provider keeps the filter chain standard, so a later second-factor
 * step composes with it.
 */
class ThrottledAuthenticationProvider implements AuthenticationProvider {

	private final AuthenticationProvider delegate;

	private final LoginThrottle throttle;

	ThrottledAuthenticationProvider(AuthenticationProvider delegate, LoginThrottle throttle) {
		this.delegate = delegate;
		this.throttle = throttle;
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		String username = authentication.getName();
		String address = remoteAddress(authentication);
		LoginThrottle.State state = throttle.check(username, address);
		if (state.locked()) {
			throw new LoginThrottledException(state.retryAfter());
		}
		Authentication result;
		try {
			result = delegate.authenticate(authentication);
		}
		catch (BadCredentialsException | AccountStatusException ex) {
			Optional<Instant> locked = throttle.failed(username, address);
			if (locked.isPresent()) {
				SecurityLog.warn("login.lockout")
					.addKeyValue("username", username)
					.addKeyValue("remoteAddr", address)
					.addKeyValue("lockedUntil", locked.get())
					.log();
			}
			throw ex;
		}
		if (result != null && state.accountHasFailures()) {
			throttle.succeeded(username);
		}
		return result;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return delegate.supports(authentication);
	}

	static String remoteAddress(Authentication authentication) {
		return authentication.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress()
				: null;
	}

}
