package org.opencrm.service.csat;

import java.time.Instant;

/** A survey in a customer's recent list. {@code rating} is null while unanswered. */
public record CsatItem(long id, long ticketId, String ticketNumber, String ticketSubject, String agentName,
		Integer rating, String comment, Instant resolvedAt, Instant ratedAt) {
}
