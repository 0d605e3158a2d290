package org.opencrm.service.queue;

import java.time.Instant;
import java.util.List;
import org.opencrm.service.ticket.SlaState;
import org.opencrm.service.ticket.TicketPriority;
import org.opencrm.service.ticket.TicketStatus;
import org.opencrm.service.ticket.TicketType;

/** One ticket in the agent queue. */
public record QueueRow(long id, String number, String subject, TicketStatus status, TicketPriority priority,
		TicketType type, String contactName, String accountName, Long queueId, String queueName, Long assigneeId,
		String assigneeName, List<String> tags, Instant firstResponseWarnAt, Instant firstResponseDueAt,
		Instant firstRespondedAt, Instant resolutionWarnAt, Instant resolutionDueAt, Instant slaPausedAt, long version,
		String sortKey) {

	/** The more pressing of the first-response and resolution states. */
	public SlaState slaState(Instant now) {
		boolean paused = slaPausedAt != null;
		SlaState first = SlaState.of(firstResponseDueAt, firstResponseWarnAt, firstRespondedAt, paused, now);
		SlaState resolution = SlaState.of(resolutionDueAt, resolutionWarnAt, null, paused, now);
		return rank(first) >= rank(resolution) ? first : resolution;
	}

	/**
	 * The due time that matters next: first response while none was sent, else
	 * resolution.
	 */
	public Instant nextDueAt() {
		return firstRespondedAt == null && firstResponseDueAt != null ? firstResponseDueAt : resolutionDueAt;
	}

	private static int rank(SlaState s) {
		return switch (s) {
			case BREACHED -> 5;
			case MISSED -> 4;
			case WARNING -> 3;
			case PAUSED -> 2;
			case ON_TRACK -> 1;
			default -> 0;
		};
	}
}
