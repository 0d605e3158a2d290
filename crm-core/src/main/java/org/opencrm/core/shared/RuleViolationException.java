package org.opencrm.core.shared;

/**
 * A request that breaks a business rule (converting a lead twice, a negative amount, an
 * unknown stage). {@code code} is a message key; pages show the message, the API returns
 * it as a 422 problem detail. Thrown before anything is written, or inside the
 * transaction it rolls back.
 */
public class RuleViolationException extends RuntimeException {

	private final String code;

	private final transient Object[] args;

	public RuleViolationException(String code, String defaultMessage, Object... args) {
		super(defaultMessage);
		this.code = code;
		this.args = args;
	}

	public String code() {
		return code;
	}

	public Object[] args() {
		return args.clone();
	}

}
