package org.opencrm.service.ticket;

import java.time.Instant;
import java.util.List;

/** One ticket in a list (the ticket list page and the API). */
public record TicketRow(long id, String number, String subject, TicketStatus status, TicketPriority priority,
		TicketType type, TicketChannel channel, Long contactId, String contactName, Long accountId, String accountName,
		Long queueId, String queueName, Long assigneeId, String assigneeName, List<String> tags,
		Instant resolutionDueAt, Instant createdAt, long version, String sortKey) {
}
