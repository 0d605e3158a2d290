package org.opencrm.web.customer.api;

import java.util.List;
import java.util.Locale;

/** What the customer APIs do to incoming values before a command gets them. */
final class Json {

	private Json() {
	}

	/** Blank is absent. */
	static String trimmed(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

	/** Tags as the pages keep them: trimmed, lower case, each once. */
	static List<String> tags(List<String> tags) {
		return tags == null ? List.of()
				: tags.stream().map(t -> t.strip().toLowerCase(Locale.ROOT)).distinct().toList();
	}

}
