package org.opencrm.service.ticket;

import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Filters of the ticket list and the API; null (or blank) means any. The manager
 * dashboard's links add: {@code teamId} (the team's tickets: assigned to a member, or
 * about an account a member owns), {@code openedFrom} / {@code openedTo} (opened on those
 * days, inclusive) and {@code openOn} (still open at the end of that day: opened before,
 * and neither resolved nor closed by then); days are in the application's time zone.
 * {@code text} is a ticket number ({@code T-000349}, {@code t-349}, {@code 349}) or words
 * of the subject.
 */
public record TicketFilter(TicketStatus status, TicketPriority priority, TicketType type, Long queueId, Long assigneeId,
		Long contactId, Long accountId, String tag, Long teamId, LocalDate openedFrom, LocalDate openedTo,
		LocalDate openOn, String text) {

	private static final Pattern NUMBER = Pattern.compile("\\s*(?:[Tt]-?)?0*(\\d{1,9})\\s*");

	public TicketFilter(TicketStatus status, TicketPriority priority, TicketType type, Long queueId, Long assigneeId,
			Long contactId, Long accountId, String tag) {
		this(status, priority, type, queueId, assigneeId, contactId, accountId, tag, null, null, null, null, null);
	}

	/**
	 * The ticket number typed, in its stored form ({@code t-349} → {@code T-000349});
	 * empty for anything else.
	 */
	public static Optional<String> number(String typed) {
		if (typed == null) {
			return Optional.empty();
		}
		Matcher m = NUMBER.matcher(typed);
		return m.matches() ? Optional.of("T-%06d".formatted(Long.parseLong(m.group(1)))) : Optional.empty();
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
