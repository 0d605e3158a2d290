package org.opencrm.service.ticket;

import java.util.List;

/**
 * The editable fields of a ticket's details panel; {@code version} is the one the agent
 * edited.
 */
public record UpdateTicket(String subject, TicketType type, TicketPriority priority, Long queueId, List<String> tags,
		String orderReference, String productReference, ReturnStatus returnStatus, long version) {

	public UpdateTicket {
		tags = tags == null ? List.of() : List.copyOf(tags);
	}
}
