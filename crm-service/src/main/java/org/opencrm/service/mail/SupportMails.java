package org.opencrm.service.mail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.opencrm.core.mail.MailTemplates;
import org.opencrm.core.mail.Mails;
import org.opencrm.core.mail.OutgoingMail;
import org.opencrm.core.shared.MailKind;
import org.opencrm.core.shared.Rows;
import org.opencrm.service.ticket.TicketTags;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Support's mail: agents' public replies, acknowledgements of new tickets, portal address
 * confirmations and password reset links. Each is queued in core's mail outbox
 * ({@link Mails}) in the transaction that caused it, so a failing SMTP server never loses
 * a reply nor fails the agent's action; the outbox sends it with retries. What we write
 * to a customer is in the customer's language ({@link MailTemplates#localeOfContact}:
 * their portal setting, else their contact's, else the install's).
 */
@Service
public class SupportMails {

	/**
	 * At most this many acknowledgements per sender and hour: an auto-responder on the
	 * other side can't make us loop.
	 */
	static final int ACKS_PER_HOUR = 3;

	/**
	 * At most this many reset links per address and hour: "Forgot password?" can't be
	 * used to flood a mailbox.
	 */
	static final int RESETS_PER_HOUR = 3;

	static final String REPLY = "ticket.reply";

	static final String ACK = "ticket.ack";

	static final String VERIFY = "portal.verify";

	static final String RESET = "password.reset";

	private static final Duration HOUR = Duration.ofHours(1);

	private final JdbcClient jdbc;

	private final MailSettings settings;

	private final Mails mails;

	private final MailTemplates templates;

	private final TicketTags tags;

	SupportMails(JdbcClient jdbc, MailSettings settings, Mails mails, MailTemplates templates, TicketTags tags) {
		this.jdbc = jdbc;
		this.settings = settings;
		this.mails = mails;
		this.templates = templates;
		this.tags = tags;
	}

	private record TicketHead(String number, String subject, String contactEmail, Long contactId) {
	}

	/**
	 * Queues an agent's public reply to the ticket's customer (nothing when they have no
	 * e-mail): "[T-000123-k7x2qa4m] Re: …" (the signed tag, {@link TicketTags}),
	 * In-Reply-To the customer's last message, References the thread. The message's
	 * Message-ID is recorded on the ticket message, so the answer threads back.
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
		String inReplyTo = jdbc.sql("""
				select external_ref from ticket_messages
				where ticket_id = ? and author_kind = 'CUSTOMER' and external_ref is not null
				order by id desc limit 1
				""").param(ticketId).query(String.class).optional().orElse(null);
		// The thread: the ticket's messages and the mails about it (acknowledgements).
		List<String> thread = jdbc.sql("""
				select ref from (
				  select external_ref as ref, created_at, id from ticket_messages
				  where ticket_id = :t and external_ref is not null and external_ref like '<%>'
				  union all
				  select message_id, created_at, id from mail_outbox where record_type = 'ticket' and record_id = :t
				) r order by created_at desc, id desc limit 10
				""").param("t", ticketId).query(String.class).list();
		List<String> chronological = new ArrayList<>(thread);
		Collections.reverse(chronological);
		String references = String.join(" ", chronological.stream().distinct().toList());
		String messageId = mails.enqueue(
				toCustomer(head.contactEmail(), REPLY, ticketId)
					.withText("[" + tags.tag(head.number()) + "] Re: " + stripPrefixes(head.subject()),
							MailParser.REPLY_MARKER + "\n\n" + body + "\n\n-- \n" + head.number() + " · "
									+ head.subject())
					.withMessageId(newMessageId(ticketId))
					.withHeader("In-Reply-To", inReplyTo)
					.withHeader("References", references.isEmpty() ? null : references)
					.withHeader("Auto-Submitted", "no"));
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
		if (mails.queuedRecently(ACK, to, HOUR) >= ACKS_PER_HOUR) {
			return false;
		}
		TicketHead head = head(ticketId);
		mails.enqueue(toCustomer(to, ACK, ticketId)
			.withContent(templates.render("ticket-ack", templates.localeOfContact(head.contactId()),
					Map.of("number", head.number(), "tag", tags.tag(head.number()), "subject", head.subject(),
							"replyMarker", MailParser.REPLY_MARKER)))
			.withMessageId(newMessageId(ticketId))
			.withHeader("In-Reply-To", inReplyTo)
			.withHeader("References", inReplyTo)
			.withHeader("Auto-Submitted", "auto-replied"));
		return true;
	}

	/**
	 * Queues the mail that confirms a portal customer's e-mail address, in the language
	 * of the new login ({@link MailTemplates#localeOfUser}), else the one the customer
	 * registered in ({@code asked}, a language tag; null: the install's).
	 */
	@Transactional
	public void queueAddressConfirmation(long userId, String to, String name, String link, String asked) {
		mails.enqueue(toCustomer(to, VERIFY, null)
			.withContent(templates.render("portal-verify", templates.localeOfUser(userId, asked),
					Map.of("name", name, "link", link)))
			.withMessageId("<verify." + UUID.randomUUID() + "@" + settings.domain() + ">")
			.withHeader("Auto-Submitted", "auto-generated"));
	}

	/**
	 * Queues a password reset link (staff or portal customer) in the user's language (a
	 * portal customer's contact's, when they chose none), unless this address already got
	 * {@value #RESETS_PER_HOUR} in the last hour.
	 * @return whether one was queued
	 */
	@Transactional
	public boolean queuePasswordReset(long userId, String to, String name, String link, Duration validFor) {
		if (mails.queuedRecently(RESET, to, HOUR) >= RESETS_PER_HOUR) {
			return false;
		}
		mails.enqueue(OutgoingMail.to(to, MailKind.SYSTEM, RESET)
			.withFrom(settings.supportAddress())
			.withContent(templates.render("password-reset", templates.localeOfUser(userId),
					Map.of("name", name, "link", link, "minutes", validFor.toMinutes())))
			.withMessageId("<reset." + UUID.randomUUID() + "@" + settings.domain() + ">")
			.withHeader("Auto-Submitted", "auto-generated")
			.withHeader("X-Auto-Response-Suppress", "All")
			.about("user", userId));
		return true;
	}

	/**
	 * A support mail from the support mailbox; "X-Auto-Response-Suppress" tells the
	 * customer's mail program not to auto-reply to us.
	 */
	private OutgoingMail toCustomer(String to, String purpose, Long ticketId) {
		return OutgoingMail.to(to, MailKind.SERVICE, purpose)
			.withFrom(settings.supportAddress())
			.withHeader("X-Auto-Response-Suppress", "All")
			.about(ticketId == null ? null : "ticket", ticketId);
	}

	private TicketHead head(long ticketId) {
		return jdbc.sql("""
				select t.number, t.subject, c.email as contact_email, t.contact_id
				from tickets t left join contacts c on c.id = t.contact_id where t.id = ?
				""").param(ticketId).query(Rows.of(TicketHead.class)).optional().orElse(null);
	}

	private String newMessageId(long ticketId) {
		return "<ticket-" + ticketId + "." + UUID.randomUUID() + "@" + settings.domain() + ">";
	}

	private static String stripPrefixes(String subject) {
		return subject.replaceAll("(?i)^((re|aw|fwd?|wg)\\s*:\\s*)+", "");
	}

}
