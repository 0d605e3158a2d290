package org.opencrm.web.service.ticket;

import org.opencrm.service.ticket.TicketPriority;
import org.opencrm.service.ticket.TicketStatus;
import org.springframework.stereotype.Component;

/**
 * The colour of a ticket's status and priority badges, in one place for the badge
 * fragments ({@code ${@ticketBadges.status(s)}} in {@code service/ticket/badges.html})
 * and the queue's flat rows ({@code QueueLine}).
 */
@Component("ticketBadges")
public class TicketBadges {

	public static String statusClass(TicketStatus s) {
		return switch (s) {
			case NEW -> "text-bg-info";
			case RESOLVED, CLOSED -> "text-bg-secondary";
			case OPEN -> "text-bg-primary";
			default -> "text-bg-warning";
		};
	}

	public static String priorityClass(TicketPriority p) {
		return switch (p) {
			case URGENT -> "text-bg-danger";
			case HIGH -> "text-bg-warning";
			default -> "text-bg-light";
		};
	}

	/** For templates: {@code ${@ticketBadges.status(s)}}. */
	public String status(TicketStatus s) {
		return statusClass(s);
	}

	/** For templates: {@code ${@ticketBadges.priority(p)}}. */
	public String priority(TicketPriority p) {
		return priorityClass(p);
	}

}
