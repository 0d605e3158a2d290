package org.opencrm.service.appointment;

import java.time.Instant;

/**
 * A booking: for an account and/or contact, optionally about one of their purchased
 * products and a ticket, with an agent; one-off when {@code recurrence} is null.
 */
public record ScheduleAppointment(AppointmentKind kind, String title, Long accountId, Long contactId, Long productId,
		Long ticketId, long agentId, Instant startsAt, Instant endsAt, String location, String notes,
		Recurrence recurrence) {
}
