package org.opencrm.core.shared;

/**
 * A request that breaks a business rule (converting a lead twice, a negative amount, an
 * unknown stage). {@code code} is a message key; pages show the message, the API returns
 * it as a 422 problem detail. Thrown before anything is written, or inside the
 * transaction it rolls back. A rule about one input ({@link #field()}, e.g. an e-mail
 * that isn't one) names that field, so a form shows the message next to it and the API
 * names it in the problem.
 */
public class RuleViolationException extends RuntimeException {

	private final String code;

	private final String field;

	private final transient Object[] args;

	public RuleViolationException(String code, String defaultMessage, Object... args) {
		this(null, code, defaultMessage, args);
	}

	private RuleViolationException(String field, String code, String defaultMessage, Object... args) {
		super(defaultMessage);
		this.field = field;
		this.code = code;
		this.args = args;
	}

	/** A rule about the input {@code field} (a form's or a request body's property). */
	public static RuleViolationException onField(String field, String code, String defaultMessage, Object... args) {
		return new RuleViolationException(field, code, defaultMessage, args);
	}

	public String code() {
		return code;
	}

	/** The input the rule is about, or null when it is about the request as a whole. */
	public String field() {
		return field;
	}

	public Object[] args() {
		return args.clone();
	}

}
