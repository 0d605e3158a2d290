package org.opencrm.core.mail;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.opencrm.core.shared.MailKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one outbox every mail the app sends one at a time goes through. A mail is a row
 * written in the transaction that caused it (so the reply and its mail are saved together
 * or not at all); {@link MailWorker} sends it with retries.
 */
@Service
public class Mails {

	private static final Log log = LogFactory.getLog(Mails.class);

	/** Rows per insert of a bulk enqueue. */
	private static final int BULK_CHUNK = 5000;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final MailWorker worker;

	/** Runs the worker outside the committed transaction, each statement on its own. */
	private final TransactionTemplate outside;

	Mails(JdbcClient jdbc, Clock clock, MailWorker worker, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.worker = worker;
		this.outside = new TransactionTemplate(transactions);
		this.outside.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
	}

	/**
	 * Queues a mail someone is writing right now (a test send, an e-mail to a customer)
	 * and sends it as soon as the transaction commits, in this thread; if the server
	 * can't take it then, the outbox retries it like any other.
	 * @return the Message-ID it will carry
	 */
	@Transactional
	public String enqueueAndSend(OutgoingMail mail) {
		String messageId = enqueue(mail);
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				// The committed transaction's connection is still bound: step out of it.
				try {
					outside.executeWithoutResult(status -> worker.sendNow(messageId));
				}
				catch (RuntimeException ex) {
					// Queued and committed: the scheduled run sends it.
					log.warn("Could not send mail " + messageId + " right away; the outbox retries it", ex);
				}
			}
		});
		return messageId;
	}

	/**
	 * Queues {@code mail}.
	 * @return the Message-ID it will carry
	 */
	@Transactional
	public String enqueue(OutgoingMail mail) {
		if (mail.subject() == null || (mail.html() == null && mail.text() == null)) {
			throw new IllegalArgumentException("A mail needs a subject and a body");
		}
		String messageId = mail.messageId() != null ? mail.messageId()
				: "<" + mail.purpose() + "." + UUID.randomUUID() + "@" + domainOf(mail.from()) + ">";
		String html = mail.html() == null ? null : mail.html();
		String text = mail.text() != null ? mail.text() : HtmlText.toText(html);
		Timestamp now = Timestamp.from(clock.instant());
		jdbc.sql(
				"""
						insert into mail_outbox (kind, purpose, from_address, reply_to, to_address, subject, text_body, html_body,
						                         headers, message_id, record_type, record_id, next_attempt_at, created_at,
						                         updated_at)
						values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
						""")
			.params(mail.kind().name(), mail.purpose(), mail.from(), mail.replyTo(), mail.to().strip(),
					truncate(mail.subject().replaceAll("[\\r\\n]+", " "), 500), text, html, headers(mail.headers()),
					messageId, mail.recordType(), mail.recordId(), now, now, now)
			.update();
		return messageId;
	}

	/**
	 * Queues many mails at once whose subject and bodies {@code contentSource} renders
	 * when each is sent ({@link MailContentSource}): one insert per few thousand rows, in
	 * the caller's transaction, so a campaign's recipients and their mails are queued
	 * together or not at all. A Message-ID already queued is skipped (re-running adds
	 * nobody twice).
	 * @return rows added
	 */
	@Transactional
	public int enqueueRenderedWhenSent(MailKind kind, String purpose, String contentSource, String recordType,
			List<QueuedMail> mails) {
		Timestamp now = Timestamp.from(clock.instant());
		int added = 0;
		for (int from = 0; from < mails.size(); from += BULK_CHUNK) {
			List<QueuedMail> chunk = mails.subList(from, Math.min(mails.size(), from + BULK_CHUNK));
			added += jdbc
				.sql("""
						insert into mail_outbox (kind, purpose, content_source, to_address, message_id, record_type, record_id,
						                         next_attempt_at, created_at, updated_at)
						select ?, ?, ?, m.to_address, m.message_id, ?, m.record_id, ?, ?, ?
						from unnest(?, ?, ?) as m(to_address, message_id, record_id)
						on conflict (message_id) do nothing
						""")
				.params(kind.name(), purpose, contentSource, recordType, now, now, now,
						chunk.stream().map(m -> m.to().strip()).toArray(String[]::new),
						chunk.stream().map(QueuedMail::messageId).toArray(String[]::new),
						chunk.stream().map(QueuedMail::recordId).toArray(Long[]::new))
				.update();
		}
		return added;
	}

	/**
	 * How many mails for {@code purpose} went to {@code to} within the last
	 * {@code window}.
	 */
	@Transactional(readOnly = true)
	public long queuedRecently(String purpose, String to, Duration window) {
		Instant since = clock.instant().minus(window);
		return jdbc.sql("""
				select count(*) from mail_outbox
				where purpose = ? and lower(to_address) = lower(?) and created_at > ?
				""").params(purpose, to, Timestamp.from(since)).query(Long.class).single();
	}

	/** Message-IDs of the mails about one record, newest first (for References). */
	@Transactional(readOnly = true)
	public List<String> messageIds(String recordType, long recordId, int limit) {
		return jdbc.sql("""
				select message_id from mail_outbox where record_type = ? and record_id = ?
				order by id desc limit ?
				""").params(recordType, recordId, limit).query(String.class).list();
	}

	/**
	 * The {@code recordType} record a mail we sent (by its Message-ID) is about, e.g. the
	 * ticket an answer to our acknowledgement belongs to.
	 */
	@Transactional(readOnly = true)
	public Optional<Long> recordOf(String messageId, String recordType) {
		return jdbc.sql("select record_id from mail_outbox where message_id = ? and record_type = ?")
			.params(messageId, recordType)
			.query(Long.class)
			.optional();
	}

	static String headers(Map<String, String> headers) {
		if (headers.isEmpty()) {
			return null;
		}
		return headers.entrySet()
			.stream()
			.map(e -> e.getKey().strip() + ": " + e.getValue().replaceAll("[\\r\\n]+", " "))
			.collect(Collectors.joining("\n"));
	}

	private static String domainOf(String from) {
		if (from != null) {
			int at = from.lastIndexOf('@');
			if (at >= 0) {
				String domain = from.substring(at + 1).replaceAll("[>\\s]", "");
				if (!domain.isEmpty()) {
					return domain;
				}
			}
		}
		return "opencrm.local";
	}

	static String truncate(String s, int max) {
		return s == null ? null : s.length() > max ? s.substring(0, max) : s;
	}

}
