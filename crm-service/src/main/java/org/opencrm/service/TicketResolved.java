package org.opencrm.service;

import java.time.Instant;

/**
 * A ticket reached RESOLVED. Published inside the service module by the ticket desk; the
 * CSAT survey, SLA reporting and notifications listen.
 */
public record TicketResolved(long ticketId, String number, String subject, Long contactId, Long accountId,
		Long assigneeId, Long queueId, String queueName, Instant resolvedAt) {
}
