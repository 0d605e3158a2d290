package org.opencrm.web.analytics;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Just enough HTML reading for these tests: the markup is ours and regular. */
final class Html {

	private Html() {
	}

	/** The first group of every match, in order. */
	static List<String> all(String regex, String html) {
		Matcher m = Pattern.compile(regex, Pattern.DOTALL).matcher(html);
		List<String> out = new ArrayList<>();
		while (m.find()) {
			out.add(m.group(1));
		}
		return out;
	}

	/**
	 * The element from the opening tag matched by {@code startRegex} to the next
	 * {@code </tag>}.
	 */
	static String element(String html, String startRegex, String tag) {
		Matcher m = Pattern.compile(startRegex).matcher(html);
		if (!m.find()) {
			return null;
		}
		int end = html.indexOf("</" + tag + ">", m.start());
		return html.substring(m.start(), end + tag.length() + 3);
	}

	/**
	 * Visible text: tags dropped, entities that matter here decoded, white space
	 * collapsed.
	 */
	static String text(String html) {
		return html == null ? null
				: html.replaceAll("<[^>]+>", " ")
					.replace("&#39;", "'")
					.replace("&amp;", "&")
					.replace("&quot;", "\"")
					.replaceAll("\\s+", " ")
					.trim();
	}

}
