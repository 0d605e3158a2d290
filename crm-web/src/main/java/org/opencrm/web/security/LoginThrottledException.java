package org.opencrm.web.security;

import java.time.Duration;
import org.springframework.security.authentication.LockedException;

/**
 * A sign-in refused without checking the password because the account name or the client
 * address failed too often. A {@link LockedException}, so Spring Security publishes it as
 * a lock event; the same for names that exist and names that don't.
 */
class LoginThrottledException extends LockedException {

	private final transient Duration wait;

	LoginThrottledException(Duration wait) {
		super("Too many failed sign-ins; try again later.");
		this.wait = wait;
	}

	/** How long until sign-in is possible again. */
	Duration waitFor() {
		return wait;
	}

}
