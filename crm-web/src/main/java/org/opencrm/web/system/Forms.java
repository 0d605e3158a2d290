package org.opencrm.web.system;

/** Small helpers for turning what was typed into commands. */
public final class Forms {

	private Forms() {
	}

	/** Trimmed text, or null for nothing typed. */
	public static String trimmed(String s) {
		return s == null || s.isBlank() ? null : s.trim();
	}

}
