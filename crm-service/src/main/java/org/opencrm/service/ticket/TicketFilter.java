package org.opencrm.service.ticket;

/** Filters of the ticket list and the API; null (or blank) means any. */
public record TicketFilter(TicketStatus status, TicketPriority priority, TicketType type, Long queueId,
		Long assigneeId, Long contactId, Long accountId, String tag) {

	public static TicketFilter none() {
		return new TicketFilter(null, null, null, null, null, null, null, null);
	}
}
