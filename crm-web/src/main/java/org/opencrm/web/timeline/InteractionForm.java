package org.opencrm.web.timeline;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import java.time.LocalDateTime;
import org.opencrm.core.timeline.InteractionKind;
import org.springframework.format.annotation.DateTimeFormat;

/** Logging a call, e-mail, meeting or note on the timeline. */
class InteractionForm implements java.io.Serializable {

	@NotNull
	private InteractionKind kind = InteractionKind.CALL;

	@NotBlank
	@Size(max = 300)
	private String subject;

	@Size(max = 10_000)
	private String body;

	/** Empty means "now". */
	@PastOrPresent
	@DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
	private LocalDateTime occurredAt;

	private Long contactId;

	public InteractionKind getKind() {
		return kind;
	}

	public void setKind(InteractionKind kind) {
		this.kind = kind;
	}

	public String getSubject() {
		return subject;
	}

	public void setSubject(String subject) {
		this.subject = subject;
	}

	public String getBody() {
		return body;
	}

	public void setBody(String body) {
		this.body = body;
	}

	public LocalDateTime getOccurredAt() {
		return occurredAt;
	}

	public void setOccurredAt(LocalDateTime occurredAt) {
		this.occurredAt = occurredAt;
	}

	public Long getContactId() {
		return contactId;
	}

	public void setContactId(Long contactId) {
		this.contactId = contactId;
	}

}
