package org.opencrm.service.queue;

import org.opencrm.service.ticket.TicketPriority;
import org.opencrm.service.ticket.TicketStatus;
import org.opencrm.service.ticket.TicketType;

/**
 * The agent queue's filters; null (or blank) means any. Only active statuses are ever
 * listed.
 */
public record QueueFilter(TicketStatus status, TicketPriority priority, TicketType type, Long queueId, String tag) {

	public static QueueFilter none() {
		return new QueueFilter(null, null, null, null, null);
	}
}
