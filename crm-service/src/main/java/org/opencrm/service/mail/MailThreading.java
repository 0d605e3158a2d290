package org.opencrm.service.mail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.opencrm.core.contact.ContactLookup;
import org.opencrm.core.mail.CustomerReplies;
import org.opencrm.core.mail.Mails;
import org.opencrm.service.ticket.TicketDetails;
import org.opencrm.service.ticket.TicketLookup;
import org.opencrm.service.ticket.TicketTags;
import org.springframework.stereotype.Component;

/**
 * Matches an inbound mail to the ticket it answers, and says whether the mail may go onto
 * it. Ticket numbers are sequential, so naming one proves nothing: a mail threads only
 * when it answers a mail we sent about the ticket (its In-Reply-To / References name our
 * Message-ID), carries the ticket's signed subject tag ({@link TicketTags}), or comes
 * from one of the ticket's participants ({@link TicketLookup#isParticipant}). Anything
 * else that names a ticket is a stranger's mail and opens a ticket of its own.
 */
@Component
class MailThreading {

	private final Mails mails;

	private final TicketLookup tickets;

	private final TicketTags tags;

	private final ContactLookup contacts;

	private final CustomerReplies customerReplies;

	MailThreading(Mails mails, TicketLookup tickets, TicketTags tags, ContactLookup contacts,
			CustomerReplies customerReplies) {
		this.customerReplies = customerReplies;
		this.mails = mails;
		this.tickets = tickets;
		this.tags = tags;
		this.contacts = contacts;
	}

	/**
	 * The ticket a mail names, and whether it may go onto it.
	 *
	 * @param ticketId the ticket, null when none is named or known
	 * @param number the number the subject names (null: none), for the note on a new
	 * ticket
	 * @param allowed whether the mail may thread onto the ticket (see the class comment)
	 */
	record Match(Long ticketId, String number, boolean allowed) {

		static final Match NONE = new Match(null, null, false);

	}

	/**
	 * The customer e-mail (written from an account's or contact's page) this mail
	 * answers, by its threading headers: the sent mail's timeline entry, if any.
	 */
	Optional<Long> customerEmail(ParsedMail mail) {
		for (String ref : refs(mail)) {
			Optional<Long> sent = customerReplies.sentAs(ref);
			if (sent.isPresent()) {
				return sent;
			}
		}
		return Optional.empty();
	}

	/** In-Reply-To, then References newest first. */
	private static List<String> refs(ParsedMail mail) {
		List<String> refs = new ArrayList<>();
		if (mail.inReplyTo() != null) {
			refs.add(mail.inReplyTo());
		}
		List<String> references = new ArrayList<>(mail.references());
		Collections.reverse(references);
		refs.addAll(references);
		return refs;
	}

	/**
	 * The ticket a reply belongs to: its threading headers first (newest reference
	 * first), then the subject's tag.
	 */
	Match match(ParsedMail mail) {
		for (String ref : refs(mail)) {
			Optional<Long> sent = mails.recordOf(ref, "ticket");
			if (sent.isPresent()) {
				return new Match(sent.get(), null, true);
			}
			// A Message-ID the customer sent: known to whoever got that mail, so it
			// counts like the bare number.
			Optional<Long> known = tickets.idByMessageRef(ref);
			if (known.isPresent()) {
				return new Match(known.get(), null, tickets.isParticipant(known.get(), mail.fromAddress()));
			}
		}
		Optional<TicketTags.SubjectTag> tag = tags.find(mail.subject());
		if (tag.isEmpty()) {
			return Match.NONE;
		}
		Long ticketId = tickets.idByNumber(tag.get().number()).orElse(null);
		if (ticketId == null) {
			return new Match(null, tag.get().number(), false);
		}
		return new Match(ticketId, tag.get().number(),
				tag.get().signed() || tickets.isParticipant(ticketId, mail.fromAddress()));
	}

	/** The writing contact when we know them (null: the ticket's own customer). */
	Long authorOf(ParsedMail mail, TicketDetails ticket) {
		if (ticket.contactEmail() != null && ticket.contactEmail().equalsIgnoreCase(mail.fromAddress())) {
			return ticket.contactId();
		}
		return contacts.findByPhoneOrEmail(mail.fromAddress()).orElse(null);
	}

}
