package org.opencrm.service.ticket;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a ticket stands. NEW → OPEN → PENDING_CUSTOMER / ON_HOLD → RESOLVED → CLOSED; a
 * resolved ticket reopens (a customer replied, or an agent reopened it); a closed one is
 * final.
 */
public enum TicketStatus {

	NEW, OPEN, PENDING_CUSTOMER, ON_HOLD, RESOLVED, CLOSED;

	/** Statuses an agent still works on (everything before RESOLVED). */
	public static final Set<TicketStatus> ACTIVE = EnumSet.of(NEW, OPEN, PENDING_CUSTOMER, ON_HOLD);

	public boolean canMoveTo(TicketStatus next) {
		return switch (this) {
			case NEW -> next == OPEN || next == PENDING_CUSTOMER || next == ON_HOLD || next == RESOLVED;
			case OPEN -> next == PENDING_CUSTOMER || next == ON_HOLD || next == RESOLVED;
			case PENDING_CUSTOMER -> next == OPEN || next == ON_HOLD || next == RESOLVED;
			case ON_HOLD -> next == OPEN || next == PENDING_CUSTOMER || next == RESOLVED;
			case RESOLVED -> next == OPEN || next == CLOSED;
			case CLOSED -> false;
		};
	}

	public boolean isActive() {
		return ACTIVE.contains(this);
	}

	/** The statuses reachable from this one, for the ticket page's buttons. */
	public Set<TicketStatus> next() {
		Set<TicketStatus> next = EnumSet.noneOf(TicketStatus.class);
		for (TicketStatus s : values()) {
			if (canMoveTo(s)) {
				next.add(s);
			}
		}
		return next;
	}

}
