package org.opencrm.web.service.ticket;

import org.opencrm.core.shared.Tags;
import org.opencrm.service.ticket.ReturnStatus;
import org.opencrm.service.ticket.TicketDetails;
import org.opencrm.service.ticket.UpdateTicket;
import org.opencrm.web.system.Forms;

/** The ticket page's details panel as typed. */
class EditTicketForm extends TicketFieldsForm {

	private ReturnStatus returnStatus;

	private long version;

	static EditTicketForm of(TicketDetails t) {
		EditTicketForm f = new EditTicketForm();
		f.subject = t.subject();
		f.type = t.type();
		f.priority = t.priority();
		f.queueId = t.queueId();
		f.tags = Tags.format(t.tags());
		f.orderReference = t.orderReference();
		f.productReference = t.productReference();
		f.returnStatus = t.returnStatus();
		f.version = t.version();
		return f;
	}

	UpdateTicket toCommand() {
		return new UpdateTicket(subject, type, priority, queueId, Tags.parse(tags), Forms.trimmed(orderReference),
				Forms.trimmed(productReference), returnStatus, version);
	}

	public ReturnStatus getReturnStatus() {
		return returnStatus;
	}

	public void setReturnStatus(ReturnStatus returnStatus) {
		this.returnStatus = returnStatus;
	}

	public long getVersion() {
		return version;
	}

	public void setVersion(long version) {
		this.version = version;
	}

}
