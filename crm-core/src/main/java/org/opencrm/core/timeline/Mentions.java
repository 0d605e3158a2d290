package org.opencrm.core.timeline;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code @username} in what a person logs (a note, a call): each enabled CRM user so
 * named is notified (core's notifications listen through {@link LoggedEntryListener}). A
 * mention is the user's sign-in name, case-insensitive, after a space or the start of the
 * text — so an e-mail address ({@code anna@example.com}) is no mention.
 */
public final class Mentions {

	/** A handle: letters, digits, dot, dash and underscore, not ending in a dot. */
	public static final Pattern MENTION = Pattern.compile("(?<![\\w.@-])@([\\w][\\w.-]{0,48}[\\w]|[\\w])",
			Pattern.UNICODE_CHARACTER_CLASS);

	/** More than this many in one note are ignored (a pasted list is no conversation). */
	static final int MAX_PER_TEXT = 20;

	private Mentions() {
	}

	/** The handles named in {@code texts}, lower-cased, in order of appearance. */
	public static Set<String> handles(String... texts) {
		Set<String> found = new LinkedHashSet<>();
		for (String text : texts) {
			if (text == null) {
				continue;
			}
			Matcher m = MENTION.matcher(text);
			while (m.find() && found.size() < MAX_PER_TEXT) {
				found.add(m.group(1).toLowerCase(Locale.ROOT));
			}
		}
		return found;
	}

}
