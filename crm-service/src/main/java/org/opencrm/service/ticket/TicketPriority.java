package org.opencrm.service.ticket;

/** How urgent a ticket is; decides its SLA policy. */
public enum TicketPriority {

	LOW, NORMAL, HIGH, URGENT;

	/** One step up (URGENT stays URGENT); the escalation "raise priority" action. */
	public TicketPriority raised() {
		return this == URGENT ? URGENT : values()[ordinal() + 1];
	}

}
