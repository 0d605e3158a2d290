package org.opencrm.web.system;

/** Guards for "return to" parameters, so a form can't be used to redirect off-site. */
public final class Paths {

	private Paths() {
	}

	public static String localOr(String candidate, String fallback) {
		if (candidate == null || !candidate.startsWith("/") || candidate.startsWith("//") || candidate.contains("\\")
				|| candidate.contains("\r") || candidate.contains("\n")) {
			return fallback;
		}
		return candidate;
	}
}
