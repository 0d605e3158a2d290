package org.opencrm.core.dedupe;

import java.util.List;
import java.util.Map;

/**
 * The merge page: the records side by side (the survivor first), the fields one may pick
 * a value for, the default pick per field, and per record what would move with it.
 */
public record MergePreview(RecordType type, List<Side> records, List<String> fields, Map<String, Long> defaults) {

	/** A record's side; {@code values} maps each field to its value as shown. */
	public record Side(long id, long version, String title, Map<String, String> values, Map<String, Long> moves) {

		public String value(String field) {
			return values.get(field);
		}

		/** What moves with this record, as "kind → rows", without the empty kinds. */
		public long movesTotal() {
			return moves.values().stream().mapToLong(Long::longValue).sum();
		}
	}

	public Side survivor() {
		return records.get(0);
	}

}
