package org.opencrm.marketing.segment;

import java.time.Instant;

public record SegmentDetails(long id, String name, String description, SegmentKind kind, SegmentNode.Group definition,
		long version, Instant createdAt, Instant updatedAt) {
}
