package org.opencrm.service.queue;

import java.time.Instant;
import java.util.List;
import org.opencrm.service.ticket.SlaDeadline;
import org.opencrm.service.ticket.TicketPriority;
import org.opencrm.service.ticket.TicketStatus;
import org.opencrm.service.ticket.TicketType;

/** One ticket in the agent queue. */
public record QueueRow(long id, String number, String subject, TicketStatus status, TicketPriority priority,
		TicketType type, String contactName, String accountName, Long queueId, String queueName, Long assigneeId,
		String assigneeName, List<String> tags, Instant firstResponseWarnAt, Instant firstResponseDueAt,
		Instant firstRespondedAt, Instant resolutionWarnAt, Instant resolutionDueAt, Instant slaPausedAt, long version,
		String sortKey) {

	/** The deadline the queue orders by and shows (see {@link SlaDeadline}). */
	public SlaDeadline deadline(Instant now) {
		return SlaDeadline.of(firstResponseWarnAt, firstResponseDueAt, firstRespondedAt, resolutionWarnAt,
				resolutionDueAt, slaPausedAt, now);
	}

}
