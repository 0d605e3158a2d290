package org.opencrm.core.shared;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Turns what a user typed into a safe PostgreSQL prefix tsquery: "acme cor" → "acme:*
 * &amp; cor:*".
 */
public final class TextQuery {

	private TextQuery() {
	}

	/** Returns null when nothing searchable is left after removing punctuation. */
	public static String prefix(String typed) {
		String q = words(typed).stream().map(w -> w + ":*").collect(Collectors.joining(" & "));
		return q.isEmpty() ? null : q;
	}

	/**
	 * The words of {@link #prefix} (lower-cased, at most eight), each the start of a word
	 * to find.
	 */
	public static List<String> words(String typed) {
		if (typed == null) {
			return List.of();
		}
		return Arrays.stream(typed.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
			.filter(w -> !w.isEmpty())
			.limit(8)
			.toList();
	}

	/** Lower-cased, trimmed, whitespace collapsed: the form trigram comparisons use. */
	public static String normalise(String typed) {
		return typed == null ? "" : typed.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
	}

	/** The fewest digits that make a phone number worth looking up. */
	public static final int MIN_PHONE_DIGITS = 5;

	/**
	 * A phone number as its digits, an international "00" prefix dropped ("+49 40 1234"
	 * and "0049 40 1234" both give "49401234"); the same rule as the SQL function
	 * {@code phone_digits}.
	 */
	public static String phoneDigits(String typed) {
		String digits = typed == null ? "" : typed.replaceAll("\\D", "");
		return digits.startsWith("00") ? digits.substring(2) : digits;
	}

}
