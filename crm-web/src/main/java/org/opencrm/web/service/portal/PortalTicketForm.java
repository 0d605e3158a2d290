package org.opencrm.web.service.portal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.opencrm.service.ticket.TicketType;

/** A new ticket as a customer writes it. */
class PortalTicketForm {

	@NotBlank
	@Size(max = 300)
	private String subject;

	@NotBlank
	@Size(max = 20000)
	private String description;

	@NotNull
	private TicketType type = TicketType.INFORMATION_REQUEST;

	public String getSubject() {
		return subject;
	}

	public void setSubject(String subject) {
		this.subject = subject;
	}

	public String getDescription() {
		return description;
	}

	public void setDescription(String description) {
		this.description = description;
	}

	public TicketType getType() {
		return type;
	}

	public void setType(TicketType type) {
		this.type = type;
	}

}
