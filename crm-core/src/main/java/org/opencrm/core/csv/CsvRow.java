package org.opencrm.core.csv;

import java.util.List;

/**
 * One record of a file: the line it starts on and its fields, or — when it can't be read
 * — the problem (a message key), the 1-based column it was found in, and the raw line.
 */
public record CsvRow(long line, List<String> fields, String problem, int problemColumn, String raw) {

	static CsvRow of(long line, List<String> fields) {
		return new CsvRow(line, fields, null, 0, null);
	}

	static CsvRow broken(long line, String problem, int column, String raw) {
		return new CsvRow(line, List.of(), problem, column, raw);
	}

	public boolean readable() {
		return problem == null;
	}

	/** The field at a 0-based index, trimmed; null when missing or blank. */
	public String value(int index) {
		if (index < 0 || index >= fields.size()) {
			return null;
		}
		String v = fields.get(index).trim();
		return v.isEmpty() ? null : v;
	}

}
