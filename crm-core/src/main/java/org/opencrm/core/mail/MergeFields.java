package org.opencrm.core.mail;

import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one merge-field syntax of texts people write for many recipients (canned replies,
 * marketing templates): {@code {{contact.firstName}}}, spaces inside the braces allowed.
 */
public final class MergeFields {

	private static final Pattern FIELD = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");

	/** What becomes of a field without a value. */
	public enum Unknown {

		/** Stays as typed, so a typo shows instead of vanishing (an agent edits it). */
		KEEP,
		/** Becomes empty (the text was checked against the known fields before). */
		EMPTY

	}

	private MergeFields() {
	}

	/**
	 * {@code source} with each field replaced by its value, passed through {@code escape}
	 * (e.g. {@link HtmlText#escape(String)} in HTML).
	 */
	public static String fill(String source, Map<String, String> values, UnaryOperator<String> escape,
			Unknown unknown) {
		if (source == null) {
			return null;
		}
		Matcher m = FIELD.matcher(source);
		StringBuilder out = new StringBuilder();
		while (m.find()) {
			String value = values.get(m.group(1));
			String replacement = value != null ? escape.apply(value) : unknown == Unknown.KEEP ? m.group() : "";
			m.appendReplacement(out, Matcher.quoteReplacement(replacement));
		}
		m.appendTail(out);
		return out.toString();
	}

	/** Plain text: values as they are. */
	public static String fill(String source, Map<String, String> values, Unknown unknown) {
		return fill(source, values, UnaryOperator.identity(), unknown);
	}

}
