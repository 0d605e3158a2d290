package org.opencrm.service.routing;

import org.opencrm.service.ticket.TicketChannel;
import org.opencrm.service.ticket.TicketPriority;
import org.opencrm.service.ticket.TicketType;
import org.opencrm.service.tier.ServiceTier;

/**
 * The editable fields of a routing rule; {@code version} is the edited one (0 on create).
 */
public record RuleCommand(String name, boolean enabled, TicketType ticketType, TicketPriority priority,
		TicketChannel channel, ServiceTier tier, String keywords, Long queueId, Long assigneeId, boolean roundRobin,
		long version) {
}
