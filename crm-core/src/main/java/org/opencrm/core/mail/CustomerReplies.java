package org.opencrm.core.mail;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.opencrm.core.config.CrmSettings;
import org.opencrm.core.shared.MailKind;
import org.opencrm.core.shared.Rows;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.timeline.InteractionKind;
import org.opencrm.core.timeline.RecordInteraction;
import org.opencrm.core.timeline.TimelineText;
import org.opencrm.core.timeline.TimelineService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Answers to the e-mails users write from an account's or a contact's page. Such a mail
 * is about its timeline entry ({@link #RECORD_TYPE}); an answer that names its Message-ID
 * (In-Reply-To / References) lands on the same person's timeline as an inbound e-mail,
 * and the user who wrote gets a mail saying so (there is no in-app notification yet). It
 * never becomes a ticket, an acknowledgement or a new contact.
 */
@Service
public class CustomerReplies {

	/** The record type of a customer e-mail in the outbox: its timeline entry. */
	public static final String RECORD_TYPE = "interaction";

	static final String NOTICE = "customer.reply";

	private static final Log log = LogFactory.getLog(CustomerReplies.class);

	private final JdbcClient jdbc;

	private final Mails mails;

	private final MailTemplates templates;

	private final TimelineService timeline;

	private final CrmSettings crm;

	CustomerReplies(JdbcClient jdbc, Mails mails, MailTemplates templates, TimelineService timeline, CrmSettings crm) {
		this.jdbc = jdbc;
		this.mails = mails;
		this.templates = templates;
		this.timeline = timeline;
		this.crm = crm;
	}

	/** An inbound mail that answers one of our customer e-mails. */
	public record InboundReply(String fromAddress, String subject, String text, Instant receivedAt,
			List<String> fileNames) {

		public InboundReply {
			fileNames = fileNames == null ? List.of() : List.copyOf(fileNames);
		}

		public InboundReply(String fromAddress, String subject, String text, Instant receivedAt) {
			this(fromAddress, subject, text, receivedAt, List.of());
		}

	}

	private record Sent(long id, Long accountId, Long contactId, String subject, Long authorId) {
	}

	private record Author(String email, String fullName, String locale, boolean enabled) {
	}

	/**
	 * The customer e-mail (its timeline entry's id) the mail with this Message-ID was, if
	 * it is one of ours.
	 */
	@Transactional(readOnly = true)
	public Optional<Long> sentAs(String messageId) {
		return mails.recordOf(messageId, RECORD_TYPE);
	}

	/**
	 * Puts {@code reply} on the timeline of the person (or account) customer e-mail
	 * {@code sentEntryId} went to, and tells its author.
	 * @return the new timeline entry's id; empty when the sent e-mail's entry is gone
	 * (the person was erased)
	 */
	@Transactional
	public Optional<Long> record(long sentEntryId, InboundReply reply) {
		Sent sent = jdbc.sql("""
				select id, account_id, contact_id, subject, author_id from interactions
				where id = ? and kind = 'EMAIL'
				""").param(sentEntryId).query(Rows.of(Sent.class)).optional().orElse(null);
		if (sent == null) {
			return Optional.empty();
		}
		String subject = reply.subject() == null || reply.subject().isBlank() ? "Re: " + sent.subject()
				: reply.subject().strip();
		long entry = timeline.record(
				new RecordInteraction(InteractionKind.EMAIL, reply.receivedAt(), sent.accountId(), sent.contactId(),
						TimelineText.of("timeline.email.answer", Mails.truncate(subject, 300)),
						reply.fileNames().isEmpty()
								? TimelineText.of("timeline.email.receivedFrom", reply.fromAddress(), reply.text())
								// The files stay with the stored raw mail; the timeline
								// names them.
								: TimelineText.of("timeline.email.receivedFromWithFiles", reply.fromAddress(),
										reply.text(), String.join(", ", reply.fileNames())),
						"core", RECORD_TYPE + ":" + sent.id()));
		if (sent.authorId() != null) {
			notifyAuthor(sent, reply, subject);
		}
		return Optional.of(entry);
	}

	private void notifyAuthor(Sent sent, InboundReply reply, String subject) {
		Author author = jdbc.sql("select email, full_name, locale, enabled from users where id = ?")
			.param(sent.authorId())
			.query(Rows.of(Author.class))
			.optional()
			.orElse(null);
		if (author == null || !author.enabled() || author.email() == null || author.email().isBlank()) {
			return;
		}
		String customer = sent.contactId() != null
				? jdbc.sql("select trim(first_name || ' ' || last_name) from contacts where id = ?")
					.param(sent.contactId())
					.query(String.class)
					.single()
				: jdbc.sql("select name from accounts where id = ?")
					.param(sent.accountId())
					.query(String.class)
					.single();
		String link = crm
			.link(sent.contactId() != null ? "/contacts/" + sent.contactId() : "/accounts/" + sent.accountId());
		OutgoingMail mail;
		try {
			mail = OutgoingMail.to(author.email(), MailKind.SYSTEM, NOTICE);
		}
		catch (RuleViolationException ex) {
			// The reply is on the timeline all the same.
			log.warn("User " + sent.authorId() + " has no usable address; no notice of a customer's reply");
			return;
		}
		mails.enqueue(mail
			.withContent(templates.render("customer-reply", templates.locale(author.locale()),
					Map.of("name", author.fullName(), "customer", customer, "from", reply.fromAddress(), "subject",
							subject, "link", link)))
			.withHeader("Auto-Submitted", "auto-generated")
			.about("user", sent.authorId()));
	}

}
