package org.opencrm.core.imports;

import java.time.Instant;

/** An import as lists and its progress show it. */
public record ImportSummary(long id, String recordType, String fileName, String state, long dataRows, long processed,
		long createdCount, long updatedCount, long unchangedCount, long rejectedCount, long revertedCount, String error,
		Instant createdAt, Instant finishedAt, String createdByName) {

	/** Rows done of the rows counted at upload, 0–100. */
	public int percent() {
		if (dataRows <= 0) {
			return 0;
		}
		return (int) Math.min(100, processed * 100 / dataRows);
	}

	public boolean working() {
		return "QUEUED".equals(state) || "RUNNING".equals(state) || "REVERTING".equals(state);
	}

	public boolean mapping() {
		return "MAPPING".equals(state);
	}

	public boolean revertible() {
		return ("DONE".equals(state) || "FAILED".equals(state)) && createdCount + updatedCount > 0;
	}

}
