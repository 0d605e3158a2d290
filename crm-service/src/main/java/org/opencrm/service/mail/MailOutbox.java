package org.opencrm.service.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.opencrm.core.shared.MailKind;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Outgoing support mail: agents' public replies and acknowledgements of new tickets. Each
 * mail is a row written in the transaction that caused it, then sent over SMTP by
 * {@link #sendDue()} with retries (backing off, up to {@value #MAX_ATTEMPTS} attempts),
 * so a failing SMTP server never loses a reply nor fails the agent's action.
 */
@Service
public class MailOutbox {

	static final int MAX_ATTEMPTS = 8;

	/**
	 * At most this many acknowledgements per sender and hour: an auto-responder on the
	 * other side can't make us loop.
	 */
	static final int ACKS_PER_HOUR = 3;

	private static final Log log = LogFactory.getLog(MailOutbox.class);

	private static final Session SESSION = Session.getInstance(new Properties());

	private final JdbcClient jdbc;

	private final MailSettings settings;

	private final ObjectProvider<JavaMailSender> mailSender;

	private final TransactionTemplate tx;

	private final Clock clock;

	MailOutbox(JdbcClient jdbc, MailSettings settings, ObjectProvider<JavaMailSender> mailSender,
			TransactionTemplate tx, Clock clock) {
		this.jdbc = jdbc;
		this.settings = settings;
		this.mailSender = mailSender;
		this.tx = tx;
		this.clock = clock;
	}

	private record TicketHead(String number, String subject, String contactEmail) {
	}

	/**
	 * Queues an agent's public reply to the ticket's customer (nothing when they have no
	 * e-mail): "[T-000123] Re: …", In-Reply-To the customer's last message, References
	 * the thread. The message's Message-ID is recorded on the ticket message, so the
	 * answer threads back.
	 */
	@Transactional
	public void queueReply(long ticketId, long ticketMessageId) {
		TicketHead head = head(ticketId);
		String body = jdbc.sql("select body from ticket_messages where id = ?")
			.param(ticketMessageId)
			.query(String.class)
			.single();
		if (head == null || head.contactEmail() == null || head.contactEmail().isBlank()) {
			return;
		}
		String messageId = newMessageId(ticketId);
		String inReplyTo = jdbc.sql("""
				select external_ref from ticket_messages
				where ticket_id = ? and author_kind = 'CUSTOMER' and external_ref is not null
				order by id desc limit 1
				""").param(ticketId).query(String.class).optional().orElse(null);
		List<String> thread = jdbc.sql("""
				select ref from (
				  select external_ref as ref, created_at, id from ticket_messages
				  where ticket_id = :t and external_ref is not null and external_ref like '<%>'
				  union all
				  select message_id, created_at, id from outbound_emails where ticket_id = :t
				) r order by created_at desc, id desc limit 10
				""").param("t", ticketId).query(String.class).list();
		List<String> chronological = new java.util.ArrayList<>(thread);
		java.util.Collections.reverse(chronological);
		String references = String.join(" ", chronological.stream().distinct().toList());
		insert(ticketId, ticketMessageId, "REPLY", head.contactEmail(),
				"[" + head.number() + "] Re: " + stripPrefixes(head.subject()),
				MailParser.REPLY_MARKER + "\n\n" + body + "\n\n-- \n" + head.number() + " · " + head.subject(),
				messageId, inReplyTo, references.isEmpty() ? null : references);
		jdbc.sql("update ticket_messages set external_ref = ? where id = ? and external_ref is null")
			.params(messageId, ticketMessageId)
			.update();
	}

	/**
	 * Queues the acknowledgement of a ticket opened by e-mail, unless this sender already
	 * got {@value #ACKS_PER_HOUR} in the last hour.
	 * @return whether one was queued
	 */
	@Transactional
	public boolean queueAcknowledgement(long ticketId, String to, String inReplyTo) {
		Instant now = clock.instant();
		long recent = jdbc.sql("""
				select count(*) from outbound_emails
				where kind = 'ACK' and lower(to_address) = lower(?) and created_at > ?
				""").params(to, Timestamp.from(now.minus(Duration.ofHours(1)))).query(Long.class).single();
		if (recent >= ACKS_PER_HOUR) {
			return false;
		}
		TicketHead head = head(ticketId);
		insert(ticketId, null, "ACK", to, "[" + head.number() + "] We received your request: " + head.subject(),
				MailParser.REPLY_MARKER + "\n\nThank you for writing to us. Your request has the number "
						+ head.number()
						+ "; we will answer as soon as we can. To add something, simply reply to this e-mail.\n\n-- \n"
						+ head.number() + " · " + head.subject(),
				newMessageId(ticketId), inReplyTo, inReplyTo);
		return true;
	}

	/** Queues the mail that confirms a portal customer's e-mail address. */
	@Transactional
	public void queueAddressConfirmation(String to, String name, String link) {
		insert(null, null, "VERIFY", to, "Please confirm your e-mail address",
				"Hello " + name + ",\n\nplease confirm your e-mail address for our customer support portal by opening"
						+ " this link (valid for 48 hours):\n\n" + link
						+ "\n\nIf you did not register, you can ignore this e-mail.",
				"<verify." + UUID.randomUUID() + "@" + settings.domain() + ">", null, null);
	}

	/**
	 * At most this many reset links per address and hour: "Forgot password?" can't be
	 * used to flood a mailbox.
	 */
	static final int RESETS_PER_HOUR = 3;

	/**
	 * Queues a password reset link (staff or portal customer), unless this address
	 * already got {@value #RESETS_PER_HOUR} in the last hour.
	 * @return whether one was queued
	 */
	@Transactional
	public boolean queuePasswordReset(String to, String name, String link, Duration validFor) {
		Instant now = clock.instant();
		long recent = jdbc.sql("""
				select count(*) from outbound_emails
				where kind = 'RESET' and lower(to_address) = lower(?) and created_at > ?
				""").params(to, Timestamp.from(now.minus(Duration.ofHours(1)))).query(Long.class).single();
		if (recent >= RESETS_PER_HOUR) {
			return false;
		}
		insert(null, null, "RESET", to, "Reset your password", "Hello " + name
				+ ",\n\nsomeone (hopefully you) asked to reset the password of your account. To choose a"
				+ " new password, open this link (valid for " + validFor.toMinutes() + " minutes, and only once):\n\n"
				+ link + "\n\nIf you did not ask for this, ignore this e-mail: your password stays as it is.",
				"<reset." + UUID.randomUUID() + "@" + settings.domain() + ">", null, null);
		return true;
	}

	/**
	 * Sends what is due, each row claimed for a few minutes first so two nodes never send
	 * the same mail at once.
	 * @return how many were sent
	 */
	public int sendDue() {
		JavaMailSender sender = mailSender.getIfAvailable();
		if (sender == null) {
			return 0;
		}
		int sent = 0;
		for (int i = 0; i < 100; i++) {
			Outgoing mail = tx.execute(s -> claimNext());
			if (mail == null) {
				break;
			}
			try {
				sender.send(mail.toMime(settings.supportAddress()));
				markSent(mail.id());
				sent++;
			}
			catch (RuntimeException | MessagingException ex) {
				markFailedAttempt(mail, ex);
			}
		}
		return sent;
	}

	record Outgoing(long id, String kind, String toAddress, String subject, String body, String messageId,
			String inReplyTo, String referencesHeader, int attempts) {

		MimeMessage toMime(String from) throws MessagingException {
			MimeMessage m = new MimeMessage(SESSION) {
				@Override
				protected void updateMessageID() throws MessagingException {
					setHeader("Message-ID", messageId);
				}
			};
			m.setFrom(new InternetAddress(from));
			m.setRecipient(jakarta.mail.Message.RecipientType.TO, new InternetAddress(toAddress));
			m.setSubject(subject, "UTF-8");
			m.setText(body, "UTF-8");
			if (inReplyTo != null) {
				m.setHeader("In-Reply-To", inReplyTo);
			}
			if (referencesHeader != null) {
				m.setHeader("References", referencesHeader);
			}
			// Tells the customer's mail program not to auto-reply to us.
			m.setHeader("Auto-Submitted",
					"REPLY".equals(kind) ? "no" : "ACK".equals(kind) ? "auto-replied" : "auto-generated");
			m.setHeader("X-Auto-Response-Suppress", "All");
			("RESET".equals(kind) ? MailKind.SYSTEM : MailKind.SERVICE).stamp(m);
			return m;
		}
	}

	private Outgoing claimNext() {
		Instant now = clock.instant();
		Outgoing mail = jdbc.sql("""
				select id, kind, to_address, subject, body, message_id, in_reply_to, references_header, attempts
				from outbound_emails where status = 'PENDING' and next_attempt_at <= ?
				order by next_attempt_at, id limit 1 for update skip locked
				""").param(Timestamp.from(now)).query(Outgoing.class).optional().orElse(null);
		if (mail != null) {
			jdbc.sql("update outbound_emails set next_attempt_at = ?, updated_at = ? where id = ?")
				.params(Timestamp.from(now.plus(Duration.ofMinutes(5))), Timestamp.from(now), mail.id())
				.update();
		}
		return mail;
	}

	private void markSent(long id) {
		Instant now = clock.instant();
		jdbc.sql("""
				update outbound_emails set status = 'SENT', sent_at = ?, attempts = attempts + 1, last_error = null,
				       updated_at = ?, version = version + 1
				where id = ?
				""").params(Timestamp.from(now), Timestamp.from(now), id).update();
	}

	private void markFailedAttempt(Outgoing mail, Exception ex) {
		Instant now = clock.instant();
		int attempts = mail.attempts() + 1;
		boolean giveUp = attempts >= MAX_ATTEMPTS;
		log.warn("Sending mail " + mail.id() + " failed (attempt " + attempts + "): " + ex.getMessage());
		jdbc.sql(
				"""
						update outbound_emails set attempts = ?, status = ?, last_error = ?, next_attempt_at = ?, updated_at = ?,
						       version = version + 1
						where id = ?
						""")
			.params(attempts, giveUp ? "FAILED" : "PENDING", MailParser.truncate(String.valueOf(ex.getMessage()), 1000),
					Timestamp.from(now.plus(Duration.ofMinutes(1L << Math.min(attempts, 10)))), Timestamp.from(now),
					mail.id())
			.update();
	}

	private TicketHead head(long ticketId) {
		return jdbc.sql("""
				select t.number, t.subject, c.email as contact_email
				from tickets t left join contacts c on c.id = t.contact_id where t.id = ?
				""").param(ticketId).query(TicketHead.class).optional().orElse(null);
	}

	private void insert(Long ticketId, Long ticketMessageId, String kind, String to, String subject, String body,
			String messageId, String inReplyTo, String references) {
		Instant now = clock.instant();
		jdbc.sql("""
				insert into outbound_emails (ticket_id, ticket_message_id, kind, to_address, subject, body, message_id,
				                             in_reply_to, references_header, next_attempt_at, created_at, updated_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				""")
			.params(ticketId, ticketMessageId, kind, to, MailParser.truncate(subject, 500), body, messageId, inReplyTo,
					references, Timestamp.from(now), Timestamp.from(now), Timestamp.from(now))
			.update();
	}

	private String newMessageId(long ticketId) {
		return "<ticket-" + ticketId + "." + UUID.randomUUID() + "@" + settings.domain() + ">";
	}

	private static String stripPrefixes(String subject) {
		return subject.replaceAll("(?i)^((re|aw|fwd?|wg)\\s*:\\s*)+", "");
	}

}
