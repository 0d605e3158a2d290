package org.opencrm.service.mail;

import org.opencrm.service.ticket.ReplyAuthor;
import org.opencrm.service.ticket.TicketMessageAdded;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * An agent's public reply goes to the customer by e-mail: queued in the outbox inside the
 * reply's own transaction, so the reply and its mail are saved together or not at all.
 */
@Component
class ReplyMailer {

	private final SupportMails outbox;

	ReplyMailer(SupportMails outbox) {
		this.outbox = outbox;
	}

	@EventListener
	void on(TicketMessageAdded added) {
		if (added.authorKind() == ReplyAuthor.Kind.AGENT && !added.internal()) {
			outbox.queueReply(added.ticketId(), added.messageId());
		}
	}

}
