package org.opencrm.web.system;

/**
 * Guards for "return to" parameters, so a form can't be used to redirect off-site or to
 * write a header: anything but a same-site relative path gives the fallback. Every
 * controller that redirects to a path it was sent goes through here.
 */
public final class Paths {

	private Paths() {
	}

	public static String localOr(String candidate, String fallback) {
		if (candidate == null || !candidate.startsWith("/") || candidate.startsWith("//") || candidate.contains("\\")
				|| candidate.chars().anyMatch(Paths::control)) {
			// Browsers drop tabs and line breaks from a Location, so "/\t/evil.example"
			// would leave the site;
			// CR/LF would also end the header.
			return fallback;
		}
		return candidate;
	}

	/**
	 * As {@link #localOr}, and only below {@code prefix} (a path, or a path followed by
	 * its query).
	 */
	public static String localUnder(String candidate, String prefix, String fallback) {
		String local = localOr(candidate, null);
		if (local == null
				|| !(local.equals(prefix) || local.startsWith(prefix + "/") || local.startsWith(prefix + "?"))) {
			return fallback;
		}
		return local;
	}

	private static boolean control(int ch) {
		return ch < 0x20 || ch == 0x7f || Character.isISOControl(ch);
	}

}
