package org.opencrm.sales.lead;

import java.time.Instant;

/** A call, meeting, note or status change on a lead. */
public record LeadActivity(long id, String kind, String subject, String body, Instant occurredAt, String authorName) {
}
