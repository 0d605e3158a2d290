package org.opencrm.core.user;

import org.opencrm.core.shared.RuleViolationException;

/**
 * A password {@link PasswordPolicy} refuses; {@code code} is the message key of the
 * reason.
 */
public class WeakPasswordException extends RuleViolationException {

	WeakPasswordException(String code, String defaultMessage, Object... args) {
		super(code, defaultMessage, args);
	}

}
