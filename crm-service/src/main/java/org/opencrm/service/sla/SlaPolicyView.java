package org.opencrm.service.sla;

import org.opencrm.service.ticket.TicketPriority;
import org.opencrm.service.tier.ServiceTier;

/** An SLA policy as the admin page lists it. Targets are business minutes. */
public record SlaPolicyView(long id, String name, TicketPriority priority, ServiceTier tier, long calendarId,
		String calendarName, int firstResponseMinutes, int resolutionMinutes, int warningPercent,
		boolean escalateNotifyManager, boolean escalateRaisePriority, boolean escalateReassign, long version) {
}
