package org.opencrm.core.shared;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Tags are typed as a comma-separated line and stored as a normalised, de-duplicated text
 * array.
 */
public final class Tags {

	private Tags() {
	}

	public static List<String> parse(String line) {
		if (line == null || line.isBlank()) {
			return List.of();
		}
		return Arrays.stream(line.split(","))
			.map(String::trim)
			.filter(t -> !t.isEmpty())
			.map(t -> t.toLowerCase(Locale.ROOT))
			.distinct()
			.toList();
	}

	public static String format(List<String> tags) {
		return String.join(", ", tags);
	}

}
