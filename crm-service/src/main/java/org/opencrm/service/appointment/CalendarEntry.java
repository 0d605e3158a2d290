package org.opencrm.service.appointment;

import java.time.Instant;

/** An appointment in a calendar or a customer's list. */
public record CalendarEntry(long id, long agentId, String agentName, AppointmentKind kind, String title,
		AppointmentStatus status, Instant startsAt, Instant endsAt, String location, Long accountId, String accountName,
		Long contactId, String contactName) {
}
