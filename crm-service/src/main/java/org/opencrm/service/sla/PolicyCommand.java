package org.opencrm.service.sla;

import org.opencrm.service.ticket.TicketPriority;
import org.opencrm.service.tier.ServiceTier;

/**
 * The editable fields of an SLA policy; {@code version} is the edited one (0 on create).
 */
public record PolicyCommand(String name, TicketPriority priority, ServiceTier tier, long calendarId,
		int firstResponseMinutes, int resolutionMinutes, int warningPercent, boolean escalateNotifyManager,
		boolean escalateRaisePriority, boolean escalateReassign, long version) {
}
