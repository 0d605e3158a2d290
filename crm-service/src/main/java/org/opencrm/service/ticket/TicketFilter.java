package org.opencrm.service.ticket;

import java.time.LocalDate;

/**
 * Filters of the ticket list and the API; null (or blank) means any. The manager
 * dashboard's links add: {@code teamId} (the team's tickets: assigned to a member, or
 * about an account a member owns), {@code openedFrom} / {@code openedTo} (opened on those
 * days, inclusive) and {@code openOn} (still open at the end of that day: opened before,
 * and neither resolved nor closed by then); days are in the application's time zone.
 */
public record TicketFilter(TicketStatus status, TicketPriority priority, TicketType type, Long queueId, Long assigneeId,
		Long contactId, Long accountId, String tag, Long teamId, LocalDate openedFrom, LocalDate openedTo,
		LocalDate openOn) {

	public TicketFilter(TicketStatus status, TicketPriority priority, TicketType type, Long queueId, Long assigneeId,
			Long contactId, Long accountId, String tag) {
		this(status, priority, type, queueId, assigneeId, contactId, accountId, tag, null, null, null, null);
	}

	/**
	 * A team's tickets (or CSAT surveys) as SQL: worked by one of its members, or about
	 * an account one of them owns — so a support team sees what it handles and a sales
	 * team its customers' service. Uses the named parameter {@code :team}.
	 */
	public static String teamCondition(String workerColumn, String accountColumn) {
		return "(" + workerColumn + " in (select tu.id from users tu where tu.team_id = :team) or " + accountColumn
				+ " in (select ta.id from accounts ta join users tau on tau.id = ta.owner_id where tau.team_id = :team))";
	}

	public static TicketFilter none() {
		return new TicketFilter(null, null, null, null, null, null, null, null);
	}
}
