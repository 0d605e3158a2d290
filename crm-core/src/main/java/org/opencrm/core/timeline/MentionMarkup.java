package org.opencrm.core.timeline;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/**
 * Splits words a person wrote into plain runs and {@code @username} mentions (the same
 * rule that notifies the mentioned users), so a page can set the mentions apart while
 * every run stays escaped text.
 */
public final class MentionMarkup {

	private MentionMarkup() {
	}

	/** A run of text; {@code mention} when it is an {@code @handle}. */
	public record Part(String text, boolean mention) {
	}

	public static List<Part> split(String text) {
		List<Part> parts = new ArrayList<>();
		if (text == null || text.isEmpty()) {
			return parts;
		}
		Matcher m = Mentions.MENTION.matcher(text);
		int at = 0;
		while (m.find()) {
			if (m.start() > at) {
				parts.add(new Part(text.substring(at, m.start()), false));
			}
			parts.add(new Part(m.group(), true));
			at = m.end();
		}
		if (at < text.length()) {
			parts.add(new Part(text.substring(at), false));
		}
		return parts;
	}

}
