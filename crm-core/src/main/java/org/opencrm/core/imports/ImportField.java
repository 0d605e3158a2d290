package org.opencrm.core.imports;

import java.util.List;

/**
 * A field a record type takes from a file: its key (also its message key's end,
 * {@code import.field.<key>}), whether a row needs it, and the header names (English and
 * German, compared without case, spaces, dashes and underscores) that map to it.
 */
public record ImportField(String key, boolean required, List<String> synonyms) {

	public static ImportField of(String key, String... synonyms) {
		return new ImportField(key, false, List.of(synonyms));
	}

	public static ImportField required(String key, String... synonyms) {
		return new ImportField(key, true, List.of(synonyms));
	}

}
