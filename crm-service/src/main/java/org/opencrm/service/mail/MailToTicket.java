package org.opencrm.service.mail;

import java.util.ArrayList;
import java.util.List;
import org.opencrm.core.mail.MailTemplates;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.timeline.TimelineText;
import org.opencrm.service.ticket.AddReply;
import org.opencrm.service.ticket.AttachmentRules;
import org.opencrm.service.ticket.NewAttachment;
import org.opencrm.service.ticket.OpenTicket;
import org.opencrm.service.ticket.OpenedTicket;
import org.opencrm.service.ticket.ReplyAuthor;
import org.opencrm.service.ticket.TicketChannel;
import org.opencrm.service.ticket.TicketDetails;
import org.opencrm.service.ticket.TicketReplies;
import org.opencrm.service.ticket.TicketService;
import org.springframework.stereotype.Component;

/**
 * Writes an accepted mail into the desk: as a customer's reply on the ticket it answers,
 * or as a new ticket (with an internal note when there is something to say about it, and
 * an acknowledgement). Attachments the ticket's rules refuse are named in the text; the
 * mail still goes in.
 */
@Component
class MailToTicket {

	private final TicketService tickets;

	private final TicketReplies replies;

	private final MailThreading threading;

	private final SupportMails outbox;

	private final MailTemplates templates;

	MailToTicket(TicketService tickets, TicketReplies replies, MailThreading threading, SupportMails outbox,
			MailTemplates templates) {
		this.templates = templates;
		this.tickets = tickets;
		this.replies = replies;
		this.threading = threading;
		this.outbox = outbox;
	}

	/** The mail's text and the attachments the desk takes. */
	record Content(String body, List<NewAttachment> files) {
	}

	Content content(ParsedMail mail) {
		List<NewAttachment> files = new ArrayList<>();
		List<String> refused = new ArrayList<>();
		for (NewAttachment a : mail.attachments()) {
			try {
				AttachmentRules.check(List.of(a));
				files.add(a);
			}
			catch (RuleViolationException ex) {
				refused.add(a.filename());
			}
		}
		String body = mail.text().isBlank() ? text("inbound.ticket.noText") : mail.text();
		if (!refused.isEmpty()) {
			body += "\n\n" + text("inbound.ticket.attachmentsRefused", String.join("; ", refused));
		}
		return new Content(body, files);
	}

	/** Adds the mail to {@code ticket}'s conversation as the customer's public reply. */
	void reply(ParsedMail mail, Content content, TicketDetails ticket) {
		Long author = threading.authorOf(mail, ticket);
		String text = author == null && !mail.fromAddress().equalsIgnoreCase(String.valueOf(ticket.contactEmail()))
				? text("inbound.ticket.fromOther", mail.fromAddress()) + "\n\n" + content.body() : content.body();
		replies.addReply(ticket.id(),
				new AddReply(ReplyAuthor.customer(author), text, false, content.files(), mail.messageId()));
	}

	/**
	 * Opens a ticket from the mail, adds {@code note} (when given) as an internal note
	 * and queues the acknowledgement.
	 */
	OpenedTicket open(ParsedMail mail, Content content, TimelineText note) {
		String subject = mail.subject() == null || mail.subject().isBlank() ? text("inbound.ticket.noSubject")
				: MailParser.truncate(mail.subject(), 300);
		OpenedTicket opened = tickets.open(new OpenTicket(TicketChannel.EMAIL, null, null, mail.fromAddress(),
				MailParser.truncate(mail.fromName(), 200), subject, content.body(), null, null, null, null, List.of(),
				null, null, content.files(), mail.messageId()));
		if (note != null) {
			replies.addSystemNote(opened.id(), note);
		}
		outbox.queueAcknowledgement(opened.id(), mail.fromAddress(), mail.messageId());
		return opened;
	}

	/**
	 * What the desk adds to a customer's mail is stored with it, as the customer's own
	 * words are: in the install's language (the mail outbox's default), from core's mail
	 * bundle.
	 */
	private String text(String key, Object... args) {
		return templates.text(key, null, args);
	}

}
