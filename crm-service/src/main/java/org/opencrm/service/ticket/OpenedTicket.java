package org.opencrm.service.ticket;

/** The id and human-readable number (e.g. {@code T-000123}) of a ticket just opened. */
public record OpenedTicket(long id, String number) {
}
