package org.opencrm.core.dedupe;

import java.util.List;
import java.util.Map;

/**
 * Merge {@code merged} into the survivor: each named field takes its value from the
 * record whose id it maps to (any field not named keeps the default: the survivor's value
 * when it has one, else the first other record's); everything related moves to the
 * survivor, and the merged records are deleted. Every version is the one the user saw.
 */
public record MergeCommand(RecordType type, long survivorId, long survivorVersion, List<Merged> merged,
		Map<String, Long> fields) {

	public MergeCommand {
		merged = merged == null ? List.of() : List.copyOf(merged);
		fields = fields == null ? Map.of() : Map.copyOf(fields);
	}

	/** A record to merge away, at the version the user saw. */
	public record Merged(long id, long version) {
	}

}
