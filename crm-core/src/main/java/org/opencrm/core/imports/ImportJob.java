package org.opencrm.core.imports;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.opencrm.core.csv.CsvDialect;
import org.opencrm.core.csv.CsvRow;

/** An import as the runner and the preview read it: how to read its file and map rows. */
record ImportJob(long id, String recordType, long createdBy, String state, CsvDialect dialect, List<String> header,
		List<String> mapping, String matchKey, int chunkCount, long lastLine) {

	/**
	 * A readable record as a target's row; null when it has more fields than the header.
	 */
	ImportRow toRow(CsvRow record) {
		Map<String, String> values = new HashMap<>();
		Map<String, String> columns = new HashMap<>();
		for (int i = 0; i < mapping.size(); i++) {
			String field = mapping.get(i);
			if (field == null) {
				continue;
			}
			columns.put(field, header.get(i));
			String v = record.value(i);
			if (v != null) {
				values.put(field, v);
			}
		}
		return new ImportRow(record.line(), values, columns);
	}

	/**
	 * What no target needs to check: an unreadable line, too many fields, a required
	 * field empty.
	 */
	ImportOutcome precheck(CsvRow record, ImportRow row, List<ImportField> fields) {
		if (!record.readable()) {
			return ImportOutcome.reject(header.get(Math.min(record.problemColumn(), header.size()) - 1),
					record.problem(), "The quote opened in this column is not closed on this line.");
		}
		if (record.fields().size() > header.size()) {
			return ImportOutcome.reject(null, "import.tooManyFields",
					"The row has " + record.fields().size() + " fields, the header " + header.size() + ".");
		}
		for (ImportField f : fields) {
			if (f.required() && !row.has(f.key())) {
				return row.refuse(f.key(), "import.required", "A value is required.");
			}
		}
		return null;
	}

}
