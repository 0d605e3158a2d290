package org.opencrm.web.service.appointment;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.opencrm.service.appointment.AppointmentKind;
import org.opencrm.service.appointment.Recurrence;
import org.opencrm.service.appointment.ScheduleAppointment;
import org.opencrm.web.system.Formats;
import org.opencrm.web.system.Forms;
import org.springframework.format.annotation.DateTimeFormat;

/** Booking a service appointment, as typed. */
class AppointmentForm implements java.io.Serializable {

	/** "Does it repeat": not at all, or one of the recurrence frequencies. */
	public enum Repeat {

		NONE, WEEKLY, MONTHLY

	}

	@NotNull
	private AppointmentKind kind = AppointmentKind.REPAIR;

	@NotBlank
	@Size(max = 200)
	private String title;

	@Positive
	private Long accountId;

	@Positive
	private Long contactId;

	private Long productId;

	@Positive
	private Long ticketId;

	@NotNull
	private Long agentId;

	@NotNull
	@DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
	private LocalDateTime startsAt;

	@NotNull
	@DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
	private LocalDateTime endsAt;

	@Size(max = 300)
	private String location;

	@Size(max = 5000)
	private String notes;

	@NotNull
	private Repeat repeat = Repeat.NONE;

	@Min(1)
	@Max(Recurrence.MAX_OCCURRENCES)
	private Integer count;

	@DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
	private LocalDate until;

	ScheduleAppointment toCommand(Formats fmt) {
		Recurrence recurrence = repeat == Repeat.NONE ? null
				: new Recurrence(Recurrence.Frequency.valueOf(repeat.name()), count, until);
		return new ScheduleAppointment(kind, title.trim(), accountId, contactId, productId, ticketId, agentId,
				fmt.toInstant(startsAt), fmt.toInstant(endsAt), Forms.trimmed(location), Forms.trimmed(notes),
				recurrence);
	}

	public AppointmentKind getKind() {
		return kind;
	}

	public void setKind(AppointmentKind kind) {
		this.kind = kind;
	}

	public String getTitle() {
		return title;
	}

	public void setTitle(String title) {
		this.title = title;
	}

	public Long getAccountId() {
		return accountId;
	}

	public void setAccountId(Long accountId) {
		this.accountId = accountId;
	}

	public Long getContactId() {
		return contactId;
	}

	public void setContactId(Long contactId) {
		this.contactId = contactId;
	}

	public Long getProductId() {
		return productId;
	}

	public void setProductId(Long productId) {
		this.productId = productId;
	}

	public Long getTicketId() {
		return ticketId;
	}

	public void setTicketId(Long ticketId) {
		this.ticketId = ticketId;
	}

	public Long getAgentId() {
		return agentId;
	}

	public void setAgentId(Long agentId) {
		this.agentId = agentId;
	}

	public LocalDateTime getStartsAt() {
		return startsAt;
	}

	public void setStartsAt(LocalDateTime startsAt) {
		this.startsAt = startsAt;
	}

	public LocalDateTime getEndsAt() {
		return endsAt;
	}

	public void setEndsAt(LocalDateTime endsAt) {
		this.endsAt = endsAt;
	}

	public String getLocation() {
		return location;
	}

	public void setLocation(String location) {
		this.location = location;
	}

	public String getNotes() {
		return notes;
	}

	public void setNotes(String notes) {
		this.notes = notes;
	}

	public Repeat getRepeat() {
		return repeat;
	}

	public void setRepeat(Repeat repeat) {
		this.repeat = repeat;
	}

	public Integer getCount() {
		return count;
	}

	public void setCount(Integer count) {
		this.count = count;
	}

	public LocalDate getUntil() {
		return until;
	}

	public void setUntil(LocalDate until) {
		this.until = until;
	}

}
