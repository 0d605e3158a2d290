package org.opencrm.core.imports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.opencrm.core.csv.CsvRow;

/**
 * The external ids met so far in one pass over a file: the first row carrying an id
 * claims it (whatever becomes of that row), a later row with the same id is rejected — it
 * would otherwise update, or collide with, what the first one wrote. Kept only when a
 * column maps to {@code external_id}; a resumed run replays the lines before its last
 * committed batch into it, so it claims exactly as an uninterrupted run.
 */
final class RepeatedExternalIds {

	private final int column;

	private final String header;

	private final Map<String, Long> firstLine = new HashMap<>();

	private final List<String> sinceBegin = new ArrayList<>();

	RepeatedExternalIds(ImportJob job) {
		this.column = job.mapping().indexOf(ImportField.EXTERNAL_ID);
		this.header = column < 0 ? null : job.header().get(column);
	}

	/** Remembers the row's external id; the rejection when an earlier row had it. */
	ImportOutcome claim(CsvRow record) {
		if (column < 0 || !record.readable()) {
			return null;
		}
		String id = record.value(column);
		if (id == null) {
			return null;
		}
		Long first = firstLine.putIfAbsent(id, record.line());
		if (first == null) {
			sinceBegin.add(id);
			return null;
		}
		return ImportOutcome.reject(header, "import.externalId.repeated",
				"This external id is on line " + first + " of the file already.");
	}

	/** A batch starts: {@link #rollback} forgets what it claims. */
	void begin() {
		sinceBegin.clear();
	}

	/** The batch was rolled back: its claims are forgotten. */
	void rollback() {
		sinceBegin.forEach(firstLine::remove);
		sinceBegin.clear();
	}

}
