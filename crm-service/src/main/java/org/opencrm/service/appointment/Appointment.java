package org.opencrm.service.appointment;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import org.opencrm.core.shared.BaseEntity;
import org.opencrm.core.shared.RuleViolationException;

@Entity
@Table(name = "service_appointments")
class Appointment extends BaseEntity {

	private Long seriesId;

	@Enumerated(EnumType.STRING)
	private AppointmentKind kind;

	private String title;

	private Long accountId;

	private Long contactId;

	private Long productId;

	private String productName;

	private Long ticketId;

	private long agentId;

	private Instant startsAt;

	private Instant endsAt;

	private String location;

	private String notes;

	@Enumerated(EnumType.STRING)
	private AppointmentStatus status = AppointmentStatus.SCHEDULED;

	private String outcome;

	private Instant closedAt;

	private Instant reminderSentAt;

	private Long createdBy;

	protected Appointment() {
	}

	Appointment(ScheduleAppointment cmd, Long seriesId, Long accountId, String productName, Occurrences.Slot slot,
			Long createdBy) {
		this.seriesId = seriesId;
		this.kind = cmd.kind();
		this.title = cmd.title().trim();
		this.accountId = accountId;
		this.contactId = cmd.contactId();
		this.productId = cmd.productId();
		this.productName = productName;
		this.ticketId = cmd.ticketId();
		this.agentId = cmd.agentId();
		this.startsAt = slot.startsAt();
		this.endsAt = slot.endsAt();
		this.location = cmd.location();
		this.notes = cmd.notes();
		this.createdBy = createdBy;
	}

	/** Closes a scheduled appointment as done, cancelled or missed. */
	void close(AppointmentStatus to, String outcome, Instant at) {
		if (status != AppointmentStatus.SCHEDULED) {
			throw new RuleViolationException("appointment.notScheduled", "This appointment is already closed");
		}
		this.status = to;
		this.outcome = outcome;
		this.closedAt = at;
	}

	String getTitle() {
		return title;
	}

	Long getAccountId() {
		return accountId;
	}

	Long getContactId() {
		return contactId;
	}

	AppointmentKind getKind() {
		return kind;
	}

}
