package org.opencrm.service.mail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opencrm.core.contact.ContactService;
import org.opencrm.core.mail.Mails;
import org.opencrm.service.ticket.TicketDetails;
import org.opencrm.service.ticket.TicketLookup;
import org.springframework.stereotype.Component;

/**
 * Matches an inbound mail to the ticket it answers: by its threading headers against the
 * Message-IDs we sent or received for a ticket, else by "[T-000123]" in the subject.
 */
@Component
class MailThreading {

	static final Pattern TICKET_NUMBER = Pattern.compile("\\[(T-\\d{6,})\\]", Pattern.CASE_INSENSITIVE);

	private final Mails mails;

	private final TicketLookup tickets;

	private final ContactService contacts;

	MailThreading(Mails mails, TicketLookup tickets, ContactService contacts) {
		this.mails = mails;
		this.tickets = tickets;
		this.contacts = contacts;
	}

	/**
	 * The ticket a reply belongs to: its threading headers first (newest reference
	 * first), then the subject.
	 */
	Long threadedTicket(ParsedMail mail) {
		List<String> refs = new ArrayList<>();
		if (mail.inReplyTo() != null) {
			refs.add(mail.inReplyTo());
		}
		List<String> references = new ArrayList<>(mail.references());
		Collections.reverse(references);
		refs.addAll(references);
		for (String ref : refs) {
			Optional<Long> sent = mails.recordOf(ref, "ticket");
			if (sent.isPresent()) {
				return sent.get();
			}
			Optional<Long> known = tickets.idByMessageRef(ref);
			if (known.isPresent()) {
				return known.get();
			}
		}
		Matcher number = TICKET_NUMBER.matcher(mail.subject() == null ? "" : mail.subject());
		return number.find() ? tickets.idByNumber(number.group(1)).orElse(null) : null;
	}

	/** The number the subject names ("[T-000123]"), or null. */
	static String subjectNumber(ParsedMail mail) {
		Matcher number = TICKET_NUMBER.matcher(mail.subject() == null ? "" : mail.subject());
		return number.find() ? number.group(1) : null;
	}

	/** The writing contact when we know them (null: the ticket's own customer). */
	Long authorOf(ParsedMail mail, TicketDetails ticket) {
		if (ticket.contactEmail() != null && ticket.contactEmail().equalsIgnoreCase(mail.fromAddress())) {
			return ticket.contactId();
		}
		return contacts.findByPhoneOrEmail(mail.fromAddress()).orElse(null);
	}

}
