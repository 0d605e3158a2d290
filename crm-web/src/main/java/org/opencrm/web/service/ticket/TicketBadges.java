package org.opencrm.web.service.ticket;

import org.opencrm.service.ticket.SlaState;
import org.opencrm.service.ticket.TicketPriority;
import org.opencrm.service.ticket.TicketStatus;
import org.springframework.stereotype.Component;

/**
 * The colour of a ticket's status, priority and SLA badges, in one place for the badge
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

	/**
	 * An SLA target's state (the {@code sla} and {@code deadline} badges): red when it
	 * passed or was missed, amber near it, grey while paused, green when met.
	 */
	public static String slaClass(SlaState s) {
		return switch (s) {
			case BREACHED, MISSED -> "text-bg-danger";
			case WARNING -> "text-bg-warning";
			case PAUSED -> "text-bg-secondary";
			case MET -> "text-bg-success";
			case NONE, ON_TRACK -> "text-bg-light";
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

	/** For templates: {@code ${@ticketBadges.sla(state)}}. */
	public String sla(SlaState s) {
		return slaClass(s);
	}

}
