package org.opencrm.core.shared;

/**
 * {@code LIKE} patterns from typed text: {@code %}, {@code _} and the escape character
 * (PostgreSQL's default, the backslash) match themselves.
 */
public final class Like {

	private Like() {
	}

	public static String escaped(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	/** Matches values containing {@code text}. */
	public static String containing(String text) {
		return "%" + escaped(text) + "%";
	}

}
