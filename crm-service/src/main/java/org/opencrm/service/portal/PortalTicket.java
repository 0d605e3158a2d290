package org.opencrm.service.portal;

import java.time.Instant;
import java.util.List;
import org.opencrm.service.ticket.TicketStatus;

/**
 * A ticket as its customer sees it: the public conversation only, never internal notes.
 */
public record PortalTicket(long id, String number, String subject, TicketStatus status, Instant openedAt,
		List<Message> conversation) {

	public boolean closed() {
		return status == TicketStatus.CLOSED;
	}

	/** A public message; {@code fromCustomer} false means support wrote it. */
	public record Message(long id, boolean fromCustomer, String authorName, String body, Instant createdAt,
			List<File> attachments) {
	}

	public record File(long id, String filename, long sizeBytes) {
	}
}
