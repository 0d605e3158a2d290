package org.opencrm.service.ticket;

import java.time.LocalDate;

/**
 * Filters of the ticket list and the API; null (or blank) means any. The manager dashboard's links
 * add: {@code teamId} (assigned to a member of that team), {@code openedFrom} / {@code openedTo}
 * (opened on those days, inclusive) and {@code openOn} (still open at the end of that day: opened
 * before, and neither resolved nor closed by then); days are in the application's time zone.
 */
public record TicketFilter(TicketStatus status, TicketPriority priority, TicketType type, Long queueId,
		Long assigneeId, Long contactId, Long accountId, String tag, Long teamId, LocalDate openedFrom,
		LocalDate openedTo, LocalDate openOn) {

	public TicketFilter(TicketStatus status, TicketPriority priority, TicketType type, Long queueId, Long assigneeId,
			Long contactId, Long accountId, String tag) {
		this(status, priority, type, queueId, assigneeId, contactId, accountId, tag, null, null, null, null);
	}

	public static TicketFilter none() {
		return new TicketFilter(null, null, null, null, null, null, null, null);
	}
}
