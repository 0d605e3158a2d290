package org.opencrm.core.shared;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Turns what a user typed into a safe PostgreSQL prefix tsquery: "acme cor" → "acme:* &amp; cor:*". */
public final class TextQuery {

	private TextQuery() {
	}

	/** Returns null when nothing searchable is left after removing punctuation. */
	public static String prefix(String typed) {
		if (typed == null) {
			return null;
		}
		String q = Arrays.stream(typed.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
			.filter(w -> !w.isEmpty())
			.limit(8)
			.map(w -> w + ":*")
			.collect(Collectors.joining(" & "));
		return q.isEmpty() ? null : q;
	}

	/** Lower-cased, trimmed, whitespace collapsed: the form trigram comparisons use. */
	public static String normalise(String typed) {
		return typed == null ? "" : typed.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
	}
}
