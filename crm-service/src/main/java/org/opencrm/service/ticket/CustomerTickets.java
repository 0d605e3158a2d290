package org.opencrm.service.ticket;

import java.time.Instant;
import java.util.List;

/**
 * What service knows about one customer: open tickets (most urgent first, a few) and
 * counts.
 */
public record CustomerTickets(List<OpenItem> open, long openCount, long complaintCount, long totalCount) {

	public record OpenItem(long id, String number, String subject, TicketStatus status, TicketPriority priority,
			Instant firstResponseWarnAt, Instant firstResponseDueAt, Instant firstRespondedAt, Instant resolutionWarnAt,
			Instant resolutionDueAt, Instant slaPausedAt) {

		public SlaDeadline deadline(Instant now) {
			return SlaDeadline.of(firstResponseWarnAt, firstResponseDueAt, firstRespondedAt, resolutionWarnAt,
					resolutionDueAt, slaPausedAt, now);
		}
	}
}
