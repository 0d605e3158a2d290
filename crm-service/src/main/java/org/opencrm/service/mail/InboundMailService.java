package org.opencrm.service.mail;

import static org.opencrm.core.shared.Rows.instantOrNull;
import static org.opencrm.core.shared.Rows.longOrNull;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opencrm.core.contact.ContactService;
import org.opencrm.core.event.InboundEmailReceived;
import org.opencrm.core.mail.Mails;
import org.opencrm.core.shared.CappedCount;
import org.opencrm.core.shared.Keyset;
import org.opencrm.core.shared.KeysetPage;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.service.ticket.AddReply;
import org.opencrm.service.ticket.AttachmentRules;
import org.opencrm.service.ticket.NewAttachment;
import org.opencrm.service.ticket.OpenTicket;
import org.opencrm.service.ticket.OpenedTicket;
import org.opencrm.service.ticket.ReplyAuthor;
import org.opencrm.service.ticket.TicketChannel;
import org.opencrm.service.ticket.TicketDetails;
import org.opencrm.service.ticket.TicketService;
import org.opencrm.service.ticket.TicketStatus;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Email-to-ticket. {@link #store} keeps a fetched message raw (once per Message-ID)
 * before it leaves the mail server; {@link #processPending} turns stored messages into
 * tickets or replies: threaded by In-Reply-To / References against the Message-IDs of the
 * ticket's conversation, else by "[T-000123]" in the subject, else a new ticket with an
 * acknowledgement. Auto-replies, bulk mail, bounces and our own mail are IGNORED;
 * unreadable mail is FAILED with the reason, for an admin to look at and retry.
 */
@Service
public class InboundMailService {

	static final Pattern TICKET_NUMBER = Pattern.compile("\\[(T-\\d{6,})\\]", Pattern.CASE_INSENSITIVE);

	private static final RowMapper<InboundEmailRow> ROW = (rs, n) -> new InboundEmailRow(rs.getLong("id"),
			rs.getString("message_id"), rs.getString("from_address"), rs.getString("subject"), rs.getLong("size_bytes"),
			InboundStatus.valueOf(rs.getString("status")), rs.getString("reason"), longOrNull(rs, "ticket_id"),
			rs.getString("ticket_number"), rs.getInt("attempts"), instantOrNull(rs, "received_at"),
			instantOrNull(rs, "processed_at"));

	private final JdbcClient jdbc;

	private final TicketService tickets;

	private final ContactService contacts;

	private final SupportMails outbox;

	private final Mails mails;

	private final MailSettings settings;

	private final TransactionTemplate tx;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	InboundMailService(JdbcClient jdbc, TicketService tickets, ContactService contacts, SupportMails outbox,
			Mails mails, MailSettings settings, TransactionTemplate tx, Clock clock, ApplicationEventPublisher events) {
		this.mails = mails;
		this.events = events;
		this.jdbc = jdbc;
		this.tickets = tickets;
		this.contacts = contacts;
		this.outbox = outbox;
		this.settings = settings;
		this.tx = tx;
		this.clock = clock;
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

	/** Stored messages, newest first, optionally only one status; keyset pages by id. */
	@Transactional(readOnly = true)
	public KeysetPage<InboundEmailRow> list(InboundStatus status, String cursor, int pageSize) {
		Keyset.Cursor c = Keyset.decode(cursor);
		List<Object> params = new ArrayList<>();
		StringBuilder where = new StringBuilder("true");
		if (status != null) {
			where.append(" and e.status = ?");
			params.add(status.name());
		}
		String filter = where.toString();
		List<Object> countParams = List.copyOf(params);
		String order = "e.id desc";
		if (c != null) {
			where.append(c.forward() ? " and e.id < ?" : " and e.id > ?");
			params.add(c.id());
			if (!c.forward()) {
				order = "e.id asc";
			}
		}
		params.add(pageSize + 1);
		List<InboundEmailRow> rows = jdbc.sql("""
				select e.id, e.message_id, e.from_address, e.subject, e.size_bytes, e.status, e.reason, e.ticket_id,
				       t.number as ticket_number, e.attempts, e.received_at, e.processed_at
				from inbound_emails e left join tickets t on t.id = e.ticket_id
				where %s order by %s limit ?
				""".formatted(where, order)).params(params).query(ROW).list();
		long counted = jdbc
			.sql("select count(*) from (select 1 from inbound_emails e where " + filter + " limit "
					+ (CappedCount.CAP + 1) + ") x")
			.params(countParams)
			.query(Long.class)
			.single();
		return Keyset.page(rows, pageSize, c, r -> "", InboundEmailRow::id, CappedCount.of(counted));
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
			String reason = ex instanceof RuleViolationException rv ? rv.getMessage()
					: "Processing failed: " + ex.getClass().getSimpleName() + ": " + ex.getMessage();
			tx.executeWithoutResult(s -> mark(id, InboundStatus.FAILED, reason, null));
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
			mark(id, InboundStatus.FAILED, ex.getMessage(), null);
			return true;
		}
		String ignored = loopReason(mail, stored.mailbox());
		if (ignored != null) {
			mark(id, InboundStatus.IGNORED, ignored, null);
			return true;
		}
		// A person wrote: other modules may care (marketing stops sequences on a reply to
		// its mail).
		events.publishEvent(new InboundEmailReceived(mail.fromAddress(), mail.messageId(), mail.inReplyTo(),
				mail.references(), mail.subject(), clock.instant()));
		Accepted accepted = accept(mail.attachments());
		String body = mail.text().isBlank() ? "(no text)" : mail.text();
		if (!accepted.refused().isEmpty()) {
			body += "\n\n[Attachments not accepted: " + String.join("; ", accepted.refused()) + "]";
		}
		Long ticketId = threadedTicket(mail);
		String note = null;
		if (ticketId != null) {
			TicketDetails ticket = tickets.details(ticketId);
			if (ticket.status() == TicketStatus.CLOSED && ticket.mergedIntoId() != null) {
				ticket = tickets.details(ticket.mergedIntoId());
			}
			if (ticket.status() != TicketStatus.CLOSED) {
				Long author = authorOf(mail, ticket);
				String text = author == null
						&& !mail.fromAddress().equalsIgnoreCase(String.valueOf(ticket.contactEmail()))
								? "(from " + mail.fromAddress() + ")\n\n" + body : body;
				tickets.addReply(ticket.id(),
						new AddReply(ReplyAuthor.customer(author), text, false, accepted.files(), mail.messageId()));
				mark(id, InboundStatus.PROCESSED,
						mail.truncated() ? "Threaded onto " + ticket.number() + "; long text shortened"
								: "Threaded onto " + ticket.number(),
						ticket.id());
				return true;
			}
			note = "This is a reply to " + ticket.number() + ", which is closed; a new ticket was opened.";
		}
		else {
			Matcher number = TICKET_NUMBER.matcher(mail.subject() == null ? "" : mail.subject());
			if (number.find()) {
				note = "The subject names ticket " + number.group(1).toUpperCase(Locale.ROOT)
						+ ", which we don't know; a new ticket was opened.";
			}
		}
		String subject = mail.subject() == null || mail.subject().isBlank() ? "(no subject)"
				: MailParser.truncate(mail.subject(), 300);
		OpenedTicket opened = tickets.open(new OpenTicket(TicketChannel.EMAIL, null, null, mail.fromAddress(),
				MailParser.truncate(mail.fromName(), 200), subject, body, null, null, null, null, List.of(), null, null,
				accepted.files(), mail.messageId()));
		if (note != null) {
			tickets.addReply(opened.id(), new AddReply(ReplyAuthor.system(), note, true, List.of(), null));
		}
		outbox.queueAcknowledgement(opened.id(), mail.fromAddress(), mail.messageId());
		String reason = note != null ? note : "Opened " + opened.number();
		if (mail.truncated()) {
			reason += "; long text shortened";
		}
		mark(id, InboundStatus.PROCESSED, reason, opened.id());
		return true;
	}

	/**
	 * Why a message must not be answered (auto-replies, bulk, bounces, ourselves), or
	 * null.
	 */
	String loopReason(ParsedMail mail, String mailbox) {
		String auto = mail.autoSubmitted() == null ? null : mail.autoSubmitted().strip().toLowerCase(Locale.ROOT);
		if (auto != null && !auto.isEmpty() && !auto.startsWith("no")) {
			return "Automatic message (Auto-Submitted: " + auto + ")";
		}
		String precedence = mail.precedence() == null ? "" : mail.precedence().strip().toLowerCase(Locale.ROOT);
		if (precedence.equals("bulk") || precedence.equals("junk") || precedence.equals("list")) {
			return "Mass mail (Precedence: " + precedence + ")";
		}
		String from = mail.fromAddress().toLowerCase(Locale.ROOT);
		String local = from.substring(0, from.indexOf('@'));
		if (local.equals("mailer-daemon") || local.equals("postmaster") || mail.deliveryReport()) {
			return "Delivery report (bounce) from " + from;
		}
		if (from.equals(settings.supportAddress()) || from.equalsIgnoreCase(mailbox)) {
			return "Sent from our own address (mail loop)";
		}
		return null;
	}

	private record Accepted(List<NewAttachment> files, List<String> refused) {
	}

	/**
	 * Each attachment against the ticket's rules; refused ones are named, the mail still
	 * goes in.
	 */
	private static Accepted accept(List<NewAttachment> attachments) {
		List<NewAttachment> files = new ArrayList<>();
		List<String> refused = new ArrayList<>();
		for (NewAttachment a : attachments) {
			try {
				AttachmentRules.check(List.of(a));
				files.add(a);
			}
			catch (RuleViolationException ex) {
				refused.add(ex.getMessage());
			}
		}
		return new Accepted(files, refused);
	}

	/**
	 * The ticket a reply belongs to: its threading headers first (newest reference
	 * first), then the subject.
	 */
	private Long threadedTicket(ParsedMail mail) {
		List<String> refs = new ArrayList<>();
		if (mail.inReplyTo() != null) {
			refs.add(mail.inReplyTo());
		}
		List<String> references = new ArrayList<>(mail.references());
		java.util.Collections.reverse(references);
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

	/** The writing contact when we know them (null: the ticket's own customer). */
	private Long authorOf(ParsedMail mail, TicketDetails ticket) {
		if (ticket.contactEmail() != null && ticket.contactEmail().equalsIgnoreCase(mail.fromAddress())) {
			return ticket.contactId();
		}
		return contacts.findByPhoneOrEmail(mail.fromAddress()).orElse(null);
	}

	private void mark(long id, InboundStatus status, String reason, Long ticketId) {
		Instant now = clock.instant();
		jdbc.sql("""
				update inbound_emails set status = ?, reason = ?, ticket_id = coalesce(?, ticket_id), processed_at = ?,
				       updated_at = ?, version = version + 1
				where id = ?
				""")
			.params(status.name(), MailParser.truncate(reason, 500), ticketId, Timestamp.from(now), Timestamp.from(now),
					id)
			.update();
	}

}
