package org.opencrm.service.appointment;

import java.time.Instant;

/** One appointment as its page shows it. */
public record AppointmentDetails(long id, Long seriesId, AppointmentKind kind, String title, Long accountId,
		String accountName, Long contactId, String contactName, Long productId, String productName, Long ticketId,
		String ticketNumber, String ticketSubject, long agentId, String agentName, Instant startsAt, Instant endsAt,
		String location, String notes, AppointmentStatus status, String outcome, Instant closedAt, long version) {

	public boolean isScheduled() {
		return status == AppointmentStatus.SCHEDULED;
	}
}
