package org.opencrm.service.ticket;

import java.time.Clock;
import java.time.Instant;
import org.opencrm.core.timeline.TimelineText;
import org.opencrm.core.shared.RuleViolationException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A ticket's conversation: public replies and internal notes with attachments, from
 * agents, customers or the system. Each published as {@link TicketMessageAdded}
 * (support's mail sends agents' public replies).
 */
@Service
public class TicketReplies {

	private static final int MAX_BODY = 100_000;

	private final TicketRepository tickets;

	private final TicketLifecycle lifecycle;

	private final TicketMessages messages;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	TicketReplies(TicketRepository tickets, TicketLifecycle lifecycle, TicketMessages messages,
			ApplicationEventPublisher events, Clock clock) {
		this.tickets = tickets;
		this.lifecycle = lifecycle;
		this.messages = messages;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Adds a public reply or an internal note. The first public agent reply meets (or
	 * misses) the first-response target; a customer's reply reopens a ticket waiting on
	 * them or resolved. Nothing is written when an attachment is refused.
	 * @return the new message's id
	 */
	@Transactional
	public long addReply(long ticketId, AddReply reply) {
		if (reply.body() == null || reply.body().isBlank()) {
			throw new RuleViolationException("ticket.reply.required", "A reply needs some text.");
		}
		if (reply.body().length() > MAX_BODY) {
			throw new RuleViolationException("ticket.reply.tooLong", "The reply is too long.");
		}
		if (reply.internal() && reply.author().kind() == ReplyAuthor.Kind.CUSTOMER) {
			throw new RuleViolationException("ticket.reply.customerNote", "Customers can't write internal notes.");
		}
		AttachmentRules.check(reply.attachments());
		Ticket ticket = lifecycle.load(ticketId);
		if (ticket.getStatus() == TicketStatus.CLOSED) {
			throw new RuleViolationException("ticket.closed", "The ticket is closed; open a new one.");
		}
		Instant now = clock.instant();
		ReplyAuthor author = reply.author();
		if (author.kind() == ReplyAuthor.Kind.CUSTOMER && author.contactId() == null) {
			author = ReplyAuthor.customer(ticket.getContactId());
		}
		long messageId = messages.insert(ticketId, author, reply.body(), reply.internal(), reply.externalRef(),
				reply.attachments(), now);
		if (!reply.internal()) {
			if (author.kind() == ReplyAuthor.Kind.AGENT) {
				ticket.markFirstResponse(now);
				if (ticket.getStatus() == TicketStatus.NEW) {
					lifecycle.transition(ticket, TicketStatus.OPEN, now);
				}
				lifecycle.onTimeline(ticket, now,
						TimelineText.of("timeline.ticket.reply", ticket.getNumber(), ticket.getSubject()),
						reply.body());
			}
			else if (author.kind() == ReplyAuthor.Kind.CUSTOMER) {
				if (ticket.getStatus() == TicketStatus.PENDING_CUSTOMER
						|| ticket.getStatus() == TicketStatus.RESOLVED) {
					lifecycle.transition(ticket, TicketStatus.OPEN, now);
				}
				lifecycle.onTimeline(ticket, now,
						TimelineText.of("timeline.ticket.customerWrote", ticket.getNumber(), ticket.getSubject()),
						reply.body());
			}
		}
		tickets.flush();
		events.publishEvent(new TicketMessageAdded(ticketId, messageId, author.kind(), reply.internal()));
		return messageId;
	}

	/**
	 * An internal note from the system (an SLA escalation): a message key with its
	 * arguments, shown in each reader's language ({@link TicketLookup}), never English
	 * stored by Java.
	 * @return the new message's id
	 */
	@Transactional
	public long addSystemNote(long ticketId, TimelineText note) {
		Ticket ticket = lifecycle.load(ticketId);
		if (ticket.getStatus() == TicketStatus.CLOSED) {
			throw new RuleViolationException("ticket.closed", "The ticket is closed; open a new one.");
		}
		long messageId = messages.insertNote(ticketId, ReplyAuthor.system(), note, clock.instant());
		events.publishEvent(new TicketMessageAdded(ticketId, messageId, ReplyAuthor.Kind.SYSTEM, true));
		return messageId;
	}

}
