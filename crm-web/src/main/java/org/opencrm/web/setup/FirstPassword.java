package org.opencrm.web.setup;

import java.nio.charset.StandardCharsets;

/**
 * The first admin's password rule until the shared password policy takes over: long enough to
 * resist guessing, and short enough that BCrypt (which reads 72 bytes) uses all of it.
 */
final class FirstPassword {

	static final int MIN_CHARS = 12;

	static final int MAX_BYTES = 72;

	private FirstPassword() {
	}

	/** The message key of what is wrong, or null. */
	static String problem(String password) {
		if (password == null || password.codePointCount(0, password.length()) < MIN_CHARS) {
			return "setup.password.tooShort";
		}
		if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
			return "setup.password.tooLong";
		}
		return null;
	}
}
