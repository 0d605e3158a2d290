package org.opencrm.core.timeline;

import java.time.Instant;

/** One entry as the timeline shows it. */
public record TimelineEntry(long id, InteractionKind kind, Instant occurredAt, Long accountId, String accountName,
		Long contactId, String contactName, String subject, String body, String sourceModule, String sourceRef,
		String authorName, String sortKey) {
}
