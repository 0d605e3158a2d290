package org.opencrm.core.imports;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.opencrm.core.shared.Tags;

/**
 * What a row changes on an existing record: per field the row fills, the current value
 * where the new one differs. Empty: the row changes nothing. The map is what the log
 * keeps to undo the update.
 */
public final class ImportChanges {

	private ImportChanges() {
	}

	public static Map<String, String> before(Map<String, String> current, Map<String, String> wanted) {
		Map<String, String> before = new LinkedHashMap<>();
		wanted.forEach((field, value) -> {
			if (!Objects.equals(current.get(field), value)) {
				before.put(field, current.get(field));
			}
		});
		return before;
	}

	/**
	 * The row's tags as a new record gets them (cleaned, in the stored format); nothing
	 * when the row has none.
	 */
	public static void tagsOfNew(ImportRow row, Map<String, String> wanted) {
		if (row.has("tags")) {
			wanted.put("tags", Tags.format(Tags.parse(row.get("tags"))));
		}
	}

	/**
	 * An existing record keeps its tags and gains the row's: an import adds tags, it
	 * never takes one away.
	 */
	public static void tagsAdded(ImportRow row, Map<String, String> wanted, List<String> current) {
		if (row.has("tags")) {
			LinkedHashSet<String> tags = new LinkedHashSet<>(current);
			tags.addAll(Tags.parse(row.get("tags")));
			wanted.put("tags", Tags.format(List.copyOf(tags)));
		}
	}

	/**
	 * The outcome of a row on an existing record: unchanged when it changes nothing, else
	 * {@code write} runs (not in a dry run) and the log keeps what to undo.
	 */
	public static ImportOutcome update(long existing, Map<String, String> current, Map<String, String> wanted,
			boolean dryRun, Runnable write) {
		Map<String, String> before = before(current, wanted);
		if (before.isEmpty()) {
			return ImportOutcome.unchanged(existing);
		}
		if (!dryRun) {
			write.run();
		}
		return ImportOutcome.update(existing, before);
	}

}
