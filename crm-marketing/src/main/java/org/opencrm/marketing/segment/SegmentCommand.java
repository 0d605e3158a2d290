package org.opencrm.marketing.segment;

/**
 * A segment to create or change; the definition is ignored for static lists, the kind
 * can't change.
 */
public record SegmentCommand(String name, String description, SegmentKind kind, SegmentNode.Group definition,
		long version) {
}
