package org.opencrm.marketing.segment;

import java.time.Instant;

/** A row of the segment list. */
public record SegmentSummary(long id, String name, SegmentKind kind, String description, Instant updatedAt,
		String sortKey) {
}
