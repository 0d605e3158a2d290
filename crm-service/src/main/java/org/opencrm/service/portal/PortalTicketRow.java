package org.opencrm.service.portal;

import java.time.Instant;
import org.opencrm.service.ticket.TicketStatus;

/** One of the customer's tickets in their list. */
public record PortalTicketRow(long id, String number, String subject, TicketStatus status, Instant createdAt,
		Instant updatedAt) {
}
