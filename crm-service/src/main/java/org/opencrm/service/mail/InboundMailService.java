package org.opencrm.service.mail;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.opencrm.core.event.InboundEmailReceived;
import org.opencrm.core.mail.CustomerReplies;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.timeline.TimelineText;
import org.opencrm.service.ticket.NewAttachment;
import org.opencrm.service.ticket.OpenedTicket;
import org.opencrm.service.ticket.TicketDetails;
import org.opencrm.service.ticket.TicketLookup;
import org.opencrm.service.ticket.TicketStatus;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Email-to-ticket. {@link #store} keeps a fetched message raw (once per Message-ID)
 * before it leaves the mail server; {@link #processPending} turns stored messages into
 * tickets or replies: an answer to a user's customer e-mail goes to the person's timeline
 * (core's {@link CustomerReplies}); a reply threads onto its ticket only with proof (our
 * Message-ID, the signed subject tag, or a participant as sender; see
 * {@link MailThreading}); anything else is a new ticket with an acknowledgement.
 * Auto-replies, bulk mail, bounces and our own mail are IGNORED ({@link LoopGuard});
 * unreadable mail is FAILED with the reason, for an admin to look at and retry. Matching
 * is {@link MailThreading}'s, writing into the desk {@link MailToTicket}'s; the admins'
 * list is {@link InboundMailList}.
 */
@Service
public class InboundMailService {

	private final JdbcClient jdbc;

	private final TicketLookup lookup;

	private final LoopGuard loops;

	private final MailThreading threading;

	private final MailToTicket desk;

	private final CustomerReplies customerReplies;

	private final TransactionTemplate tx;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	InboundMailService(JdbcClient jdbc, TicketLookup lookup, LoopGuard loops, MailThreading threading,
			MailToTicket desk, CustomerReplies customerReplies, TransactionTemplate tx, Clock clock,
			ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.lookup = lookup;
		this.loops = loops;
		this.threading = threading;
		this.desk = desk;
		this.customerReplies = customerReplies;
		this.tx = tx;
		this.clock = clock;
		this.events = events;
	}

	/**
	 * Keeps a fetched message as it came (RECEIVED); a message already stored (same
	 * Message-ID) is not stored again.
	 * @return the new row's id, empty when it was a duplicate
	 */
	@Transactional
	public Optional<Long> store(String mailbox, byte[] raw) {
		MailParser.Envelope env = MailParser.envelope(raw);
		Instant now = clock.instant();
		return jdbc.sql("""
				insert into inbound_emails (mailbox, message_id, from_address, subject, raw, size_bytes, received_at,
				                            created_at, updated_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?)
				on conflict (message_id) do nothing
				returning id
				""")
			.params(mailbox, env.messageId(), env.from(), env.subject(), raw, raw.length, Timestamp.from(now),
					Timestamp.from(now), Timestamp.from(now))
			.query(Long.class)
			.optional();
	}

	/**
	 * Processes every RECEIVED message, oldest first, each in its own transaction with
	 * its row locked (a second node skips it).
	 * @return how many were handled
	 */
	public int processPending() {
		int handled = 0;
		int round;
		List<Long> ids;
		do {
			round = 0;
			ids = jdbc.sql("select id from inbound_emails where status = 'RECEIVED' order by id limit 50")
				.query(Long.class)
				.list();
			for (long id : ids) {
				if (processOne(id)) {
					round++;
				}
			}
			handled += round;
		}
		// Another batch only while this one made progress (rows another node holds are
		// skipped).
		while (ids.size() == 50 && round > 0);
		return handled;
	}

	/** Sends a FAILED message through processing again (the admin page's "retry"). */
	public InboundStatus retry(long id) {
		int changed = jdbc
			.sql("update inbound_emails set status = 'RECEIVED', updated_at = ? where id = ? and status = 'FAILED'")
			.params(Timestamp.from(clock.instant()), id)
			.update();
		if (changed == 0) {
			InboundStatus status = status(id);
			throw new RuleViolationException("mail.inbound.notRetryable", "Only failed e-mails can be retried.",
					status);
		}
		processOne(id);
		return status(id);
	}

	@Transactional(readOnly = true)
	public InboundStatus status(long id) {
		return jdbc.sql("select status from inbound_emails where id = ?")
			.param(id)
			.query(String.class)
			.optional()
			.map(InboundStatus::valueOf)
			.orElseThrow(() -> new NotFoundException("Inbound e-mail", id));
	}

	private boolean processOne(long id) {
		boolean outer = TransactionSynchronizationManager.isActualTransactionActive();
		try {
			return Boolean.TRUE.equals(tx.execute(s -> processLocked(id)));
		}
		catch (RuntimeException ex) {
			if (outer) {
				throw ex;
			}
			// The technical cause stays as it is, within a sentence in the reader's
			// language.
			String cause = ex instanceof RuleViolationException rv ? rv.getMessage()
					: ex.getClass().getSimpleName() + ": " + ex.getMessage();
			tx.executeWithoutResult(s -> mark(id, InboundStatus.FAILED,
					TimelineText.of("mail.inbound.reason.failed", MailParser.truncate(cause, 400)), null));
			return true;
		}
	}

	private record Stored(byte[] raw, String mailbox) {
	}

	private boolean processLocked(long id) {
		Stored stored = jdbc.sql("""
				select raw, mailbox from inbound_emails where id = ? and status = 'RECEIVED' for update skip locked
				""")
			.param(id)
			.query((rs, n) -> new Stored(rs.getBytes("raw"), rs.getString("mailbox")))
			.optional()
			.orElse(null);
		if (stored == null) {
			return false;
		}
		jdbc.sql("update inbound_emails set attempts = attempts + 1 where id = ?").param(id).update();
		ParsedMail mail;
		try {
			mail = MailParser.parse(stored.raw());
		}
		catch (MalformedMailException ex) {
			mark(id, InboundStatus.FAILED,
					TimelineText.of("mail.inbound.reason.failed", MailParser.truncate(ex.getMessage(), 400)), null);
			return true;
		}
		TimelineText ignored = loops.reason(mail, stored.mailbox());
		if (ignored != null) {
			mark(id, InboundStatus.IGNORED, ignored, null);
			return true;
		}
		// A person wrote: other modules may care (marketing stops sequences on a reply to
		// its mail).
		events.publishEvent(new InboundEmailReceived(mail.fromAddress(), mail.messageId(), mail.inReplyTo(),
				mail.references(), mail.subject(), clock.instant()));
		MailToTicket.Content content = desk.content(mail);
		Optional<Long> customerEmail = threading.customerEmail(mail);
		if (customerEmail.isPresent()) {
			// An answer to a user's e-mail from a customer page goes to the person's
			// timeline and the user: never a ticket, an acknowledgement or a contact.
			Optional<Long> entry = customerReplies.record(customerEmail.get(),
					new CustomerReplies.InboundReply(mail.fromAddress(), mail.subject(), content.body(),
							clock.instant(), content.files().stream().map(NewAttachment::filename).toList()));
			mark(id, entry.isPresent() ? InboundStatus.PROCESSED : InboundStatus.IGNORED, TimelineText.label(
					entry.isPresent() ? "mail.inbound.reason.customerReply" : "mail.inbound.reason.customerReplyGone"),
					null);
			return true;
		}
		MailThreading.Match match = threading.match(mail);
		// Why the mail opened a new ticket: an internal note for the agents, and the
		// outcome on the admins' inbound list (both keys, in each reader's language).
		TimelineText note = null;
		if (match.ticketId() != null && match.allowed()) {
			TicketDetails ticket = lookup.details(match.ticketId());
			if (ticket.status() == TicketStatus.CLOSED && ticket.mergedIntoId() != null) {
				ticket = lookup.details(ticket.mergedIntoId());
			}
			if (ticket.status() != TicketStatus.CLOSED) {
				desk.reply(mail, content, ticket);
				mark(id, InboundStatus.PROCESSED,
						shortened(mail, TimelineText.of("mail.inbound.reason.threaded", ticket.number())), ticket.id());
				return true;
			}
			note = TimelineText.of("ticket.note.mail.replyToClosed", ticket.number());
		}
		else if (match.ticketId() != null) {
			// Numbers are sequential, no proof: a stranger's mail never reaches the
			// customer's ticket nor reopens it; an agent merges it if it belongs there.
			String number = match.number() != null ? match.number() : lookup.details(match.ticketId()).number();
			note = TimelineText.of("ticket.note.mail.strangerNamesTicket", number);
		}
		else if (match.number() != null) {
			String number = match.number().toUpperCase(Locale.ROOT);
			note = TimelineText.of("ticket.note.mail.unknownTicket", number);
		}
		OpenedTicket opened = desk.open(mail, content, note);
		mark(id, InboundStatus.PROCESSED,
				shortened(mail, note != null ? note : TimelineText.of("mail.inbound.reason.opened", opened.number())),
				opened.id());
		return true;
	}

	private static TimelineText shortened(ParsedMail mail, TimelineText reason) {
		return mail.truncated() ? TimelineText.of("mail.inbound.reason.shortened", reason) : reason;
	}

	/**
	 * The outcome as a message key with its arguments, rendered for the admin reading it.
	 */
	private void mark(long id, InboundStatus status, TimelineText reason, Long ticketId) {
		Instant now = clock.instant();
		jdbc.sql("""
				update inbound_emails set status = ?, reason = null, reason_key = ?, reason_args = cast(? as jsonb),
				       ticket_id = coalesce(?, ticket_id), processed_at = ?, updated_at = ?, version = version + 1
				where id = ?
				""")
			.params(status.name(), reason.key(), reason.argsJson(), ticketId, Timestamp.from(now), Timestamp.from(now),
					id)
			.update();
	}

}
