package org.opencrm.core.shared;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An e-mail address, the one check of the whole application: one {@code @}, a local part
 * and a domain without spaces or separators ({@code , ; : < > ( ) [ ] \ "}), a domain of
 * dot-separated labels (at least two, none empty), at most 254 characters. The domain is
 * kept lower-case (it is case-insensitive); the local part as typed. Validates in its
 * constructor, like restbucks' {@code CreditCardNumber}; forms and API records use
 * {@link ValidEmail} for the same rule.
 *
 * @param value the normalised address
 */
public record EmailAddress(String value) {

	/** RFC 5321's limit for a path, which bounds the address too. */
	public static final int MAX_LENGTH = 254;

	// Unquoted atoms only: no spaces, control characters or the specials that separate
	// addresses and header parts (a list or a display name is not one address).
	private static final String ATOM = "[^@\\s\\p{Cntrl},;:<>()\\[\\]\\\\\"";

	private static final Pattern SYNTAX = Pattern.compile(ATOM + "]+@" + ATOM + ".]+(\\." + ATOM + ".]+)+");

	/**
	 * @throws RuleViolationException {@code email.invalid} on field {@code email}
	 */
	public EmailAddress {
		String trimmed = value == null ? "" : value.strip();
		if (!isValid(trimmed)) {
			throw RuleViolationException.onField("email", "email.invalid",
					"Enter a valid e-mail address, like name@example.com.");
		}
		int at = trimmed.lastIndexOf('@');
		value = trimmed.substring(0, at + 1) + trimmed.substring(at + 1).toLowerCase(Locale.ROOT);
	}

	/** The address, or null for null or blank text (an optional field left empty). */
	public static EmailAddress ofNullable(String text) {
		return text == null || text.isBlank() ? null : new EmailAddress(text);
	}

	/**
	 * The normalised text of an optional address (null when blank); for columns that keep
	 * the address as text.
	 */
	public static String normalise(String text) {
		EmailAddress address = ofNullable(text);
		return address == null ? null : address.value();
	}

	/**
	 * Whether {@code text} (stripped) is an address; for flows with their own message.
	 */
	public static boolean isValid(String text) {
		if (text == null) {
			return false;
		}
		String t = text.strip();
		return t.length() <= MAX_LENGTH && SYNTAX.matcher(t).matches();
	}

	/** The local part's domain, e.g. {@code example.com}. */
	public String domain() {
		return value.substring(value.lastIndexOf('@') + 1);
	}

	@Override
	public String toString() {
		return value;
	}

}
