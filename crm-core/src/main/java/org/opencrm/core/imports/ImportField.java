package org.opencrm.core.imports;

import java.util.List;

/**
 * A field a record type takes from a file: its key (also its message key's end,
 * {@code import.field.<key>}), whether a row needs it, and the header names (English and
 * German, compared without case, spaces, dashes and underscores) that map to it.
 */
public record ImportField(String key, boolean required, List<String> synonyms) {

	/**
	 * The field and match key naming a record by another system's id (unique per record
	 * type where set).
	 */
	public static final String EXTERNAL_ID = "external_id";

	/** {@link #EXTERNAL_ID} with the header names that mean it. */
	public static ImportField externalId() {
		return of(EXTERNAL_ID, "external id", "external key", "ext id", "source id", "externe id", "externe kennung",
				"fremdschlüssel", "fremdschluessel");
	}

	public static ImportField of(String key, String... synonyms) {
		return new ImportField(key, false, List.of(synonyms));
	}

	public static ImportField required(String key, String... synonyms) {
		return new ImportField(key, true, List.of(synonyms));
	}

}
