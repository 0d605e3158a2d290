package org.opencrm.core.imports;

import java.util.Map;

/**
 * One row of a file as a target sees it: its line, the mapped fields' values (trimmed,
 * blanks left out) and, per field, the header of the column it came from (for messages).
 */
public record ImportRow(long line, Map<String, String> values, Map<String, String> columns) {

	public String get(String field) {
		return values.get(field);
	}

	public boolean has(String field) {
		return values.containsKey(field);
	}

	/** The header of the column a field came from, or the field's key. */
	public String column(String field) {
		return columns.getOrDefault(field, field);
	}

	/** A rejection naming this row's column for the field. */
	public ImportOutcome refuse(String field, String key, String text) {
		return ImportOutcome.reject(field == null ? null : column(field), key, text);
	}

}
