package org.opencrm.web.service.ticket;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.opencrm.service.ticket.TicketPriority;
import org.opencrm.service.ticket.TicketType;

/**
 * The fields a ticket has whether it is being opened or edited, as typed. Package-private
 * fields, so the two forms fill and read them directly.
 */
abstract class TicketFieldsForm implements java.io.Serializable {

	@NotBlank
	@Size(max = 300)
	String subject;

	@NotNull
	TicketType type;

	@NotNull
	TicketPriority priority;

	Long queueId;

	@Size(max = 500)
	String tags;

	@Size(max = 100)
	String orderReference;

	@Size(max = 100)
	String productReference;

	public String getSubject() {
		return subject;
	}

	public void setSubject(String subject) {
		this.subject = subject;
	}

	public TicketType getType() {
		return type;
	}

	public void setType(TicketType type) {
		this.type = type;
	}

	public TicketPriority getPriority() {
		return priority;
	}

	public void setPriority(TicketPriority priority) {
		this.priority = priority;
	}

	public Long getQueueId() {
		return queueId;
	}

	public void setQueueId(Long queueId) {
		this.queueId = queueId;
	}

	public String getTags() {
		return tags;
	}

	public void setTags(String tags) {
		this.tags = tags;
	}

	public String getOrderReference() {
		return orderReference;
	}

	public void setOrderReference(String orderReference) {
		this.orderReference = orderReference;
	}

	public String getProductReference() {
		return productReference;
	}

	public void setProductReference(String productReference) {
		this.productReference = productReference;
	}

}
