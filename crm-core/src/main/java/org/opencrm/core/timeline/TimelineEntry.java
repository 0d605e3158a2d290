package org.opencrm.core.timeline;

import java.time.Instant;

/**
 * One entry as the timeline shows it, its subject and body rendered in the reader's
 * language; {@code subjectKey} names the message the application wrote (null for a
 * person's own words and for entries from before keys were stored).
 */
public record TimelineEntry(long id, InteractionKind kind, Instant occurredAt, Long accountId, String accountName,
		Long contactId, String contactName, String subject, String body, String sourceModule, String sourceRef,
		String authorName, String sortKey, String subjectKey) {
}
