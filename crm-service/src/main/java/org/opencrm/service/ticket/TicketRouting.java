package org.opencrm.service.ticket;

/**
 * Decides a new ticket's queue and assignee (implemented by the routing rules). Lives
 * here so the ticket desk doesn't depend on the routing package, which depends on it.
 */
public interface TicketRouting {

	Route route(RoutingRequest request);

	/** What routing looks at. */
	record RoutingRequest(TicketType type, TicketPriority priority, TicketChannel channel, Long accountId,
			String subject, String description) {
	}

	/** Where a ticket goes; both null when no rule matched. */
	record Route(Long queueId, Long assigneeId, Long ruleId) {

		public static Route none() {
			return new Route(null, null, null);
		}
	}

}
