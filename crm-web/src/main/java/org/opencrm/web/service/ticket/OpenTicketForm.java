package org.opencrm.web.service.ticket;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.opencrm.core.shared.Tags;
import org.opencrm.core.shared.ValidEmail;
import org.opencrm.service.ticket.NewAttachment;
import org.opencrm.service.ticket.OpenTicket;
import org.opencrm.service.ticket.TicketChannel;
import org.opencrm.service.ticket.TicketPriority;
import org.opencrm.service.ticket.TicketType;
import org.opencrm.web.system.Forms;

/** An agent logging a ticket (a call, a letter): the customer by contact or by e-mail. */
class OpenTicketForm extends TicketFieldsForm {

	private Long contactId;

	@ValidEmail
	private String email;

	@Size(max = 200)
	private String name;

	@Size(max = 20000)
	private String description;

	@NotNull
	private TicketChannel channel = TicketChannel.PHONE;

	public OpenTicketForm() {
		type = TicketType.INFORMATION_REQUEST;
		priority = TicketPriority.NORMAL;
	}

	OpenTicket toCommand(List<NewAttachment> attachments) {
		return new OpenTicket(channel, contactId, null, Forms.trimmed(email), Forms.trimmed(name), subject, description,
				type, priority, queueId, null, Tags.parse(tags), Forms.trimmed(orderReference),
				Forms.trimmed(productReference), attachments, null);
	}

	public Long getContactId() {
		return contactId;
	}

	public void setContactId(Long contactId) {
		this.contactId = contactId;
	}

	public String getEmail() {
		return email;
	}

	public void setEmail(String email) {
		this.email = email;
	}

	public String getName() {
		return name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public String getDescription() {
		return description;
	}

	public void setDescription(String description) {
		this.description = description;
	}

	public TicketChannel getChannel() {
		return channel;
	}

	public void setChannel(TicketChannel channel) {
		this.channel = channel;
	}

}
