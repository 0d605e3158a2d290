package org.opencrm.core.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.opencrm.core.shared.MailKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;

/**
 * Sends what {@link Mails} queued, exactly once per row as far as the database can know
 * it — the rule marketing's campaign worker follows too. Each statement commits on its
 * own (call it outside a transaction): the in-flight mark must be committed before the
 * SMTP call.
 *
 * <p>
 * Per row: PENDING → (claimed in a batch, with a lease) SENDING → {@code smtp_started_at}
 * committed → SMTP → SENT committed. A certain refusal (an SMTP reply code) or a server
 * that can't be reached goes back to PENDING with exponential backoff (base × 2^(attempts
 * − 1)), or to FAILED after {@code max-attempts} or at once for 5xx. A lease that expires
 * before a row's SMTP call puts it back to PENDING; one that expires after
 * {@code smtp_started_at}, or a line that breaks during the SMTP call, leaves the row
 * UNKNOWN: the server may have accepted it, so it is never resent automatically (at most
 * once across the SMTP boundary, at least once everywhere else).
 */
@Service
public class MailWorker {

	private static final Log log = LogFactory.getLog(MailWorker.class);

	private final JdbcClient jdbc;

	private final MailGateway gateway;

	private final Clock clock;

	private final MailOutboxSettings settings;

	public MailWorker(JdbcClient jdbc, MailGateway gateway, Clock clock, MailOutboxSettings settings) {
		this.jdbc = jdbc;
		this.gateway = gateway;
		this.clock = clock;
		this.settings = settings;
	}

	/**
	 * Sends batches until nothing is due, as a fresh worker.
	 * @return how many mails the server accepted
	 */
	public int sendDue() {
		String workerId = UUID.randomUUID().toString();
		int sent = 0;
		for (int i = 0; i < 1000; i++) {
			Batch batch = runOnce(workerId, settings.batchSize());
			sent += batch.sent();
			if (batch.claimed() < settings.batchSize() || batch.sent() == 0) {
				break;
			}
		}
		return sent;
	}

	/**
	 * Sends one queued mail right away, if it is still waiting and due (a mail someone
	 * just wrote); when the server can't take it now, it stays queued for a retry.
	 * @return whether the server accepted it
	 */
	public boolean sendNow(String messageId) {
		String workerId = UUID.randomUUID().toString();
		Instant now = clock.instant();
		List<Long> ids = jdbc.sql("""
				update mail_outbox set status = 'SENDING', claimed_by = ?, claimed_until = ?, attempts = attempts + 1,
				       updated_at = ?
				where message_id = ? and status = 'PENDING' and next_attempt_at <= ?
				returning id
				""")
			.params(workerId, Timestamp.from(now.plus(settings.lease())), Timestamp.from(now), messageId,
					Timestamp.from(now))
			.query(Long.class)
			.list();
		return !ids.isEmpty() && sendBatch(workerId, ids) == 1;
	}

	/** How many rows a batch claimed and how many of them the server accepted. */
	record Batch(int claimed, int sent) {
	}

	/** Claims one batch of due rows and sends them. */
	Batch runOnce(String workerId, int batchSize) {
		List<Long> ids = claim(workerId, batchSize);
		if (ids.isEmpty()) {
			return new Batch(0, 0);
		}
		return new Batch(ids.size(), sendBatch(workerId, ids));
	}

	/**
	 * What a crashed node left behind: rows whose lease ran out. Those that never reached
	 * SMTP go back to PENDING; those that may have been accepted go to UNKNOWN.
	 */
	public int recoverExpiredLeases() {
		Timestamp now = Timestamp.from(clock.instant());
		int requeued = jdbc.sql("""
				update mail_outbox set status = 'PENDING', claimed_by = null, claimed_until = null, updated_at = ?
				where status = 'SENDING' and claimed_until < ? and smtp_started_at is null
				""").params(now, now).update();
		int unknown = jdbc.sql("""
				update mail_outbox set status = 'UNKNOWN', claimed_until = null,
				       last_error = 'Lease expired during the SMTP call: may have been delivered, not resent',
				       updated_at = ?
				where status = 'SENDING' and claimed_until < ? and smtp_started_at is not null
				""").params(now, now).update();
		if (unknown > 0) {
			log.warn(unknown + " mail(s) in doubt after an expired lease; marked UNKNOWN, not resent");
		}
		return requeued + unknown;
	}

	private List<Long> claim(String workerId, int batchSize) {
		Instant now = clock.instant();
		return jdbc
			.sql("""
					with due as (
					  select id from mail_outbox
					  where status = 'PENDING' and next_attempt_at <= ?
					  order by next_attempt_at, id
					  limit ?
					  for update skip locked
					)
					update mail_outbox o set status = 'SENDING', claimed_by = ?, claimed_until = ?, attempts = o.attempts + 1,
					       updated_at = ?
					from due where o.id = due.id
					returning o.id
					""")
			.params(Timestamp.from(now), batchSize, workerId, Timestamp.from(now.plus(settings.lease())),
					Timestamp.from(now))
			.query(Long.class)
			.list();
	}

	record Row(long id, String kind, String fromAddress, String replyTo, String toAddress, String subject,
			String textBody, String htmlBody, String headers, String messageId) {
	}

	private int sendBatch(String workerId, List<Long> ids) {
		List<Row> rows = jdbc.sql("""
				select id, kind, from_address, reply_to, to_address, subject, text_body, html_body, headers, message_id
				from mail_outbox where id in (:ids) order by id
				""").param("ids", ids).query(Row.class).list();
		MailGateway.Connection connection;
		try {
			connection = gateway.open();
		}
		catch (MessagingException | RuntimeException ex) {
			// Nothing reached the server: every row of the batch is retryable.
			retryLater(workerId, ids, "Could not connect: " + ex.getMessage());
			log.warn(
					"Could not reach the mail server; " + ids.size() + " mail(s) wait for a retry: " + ex.getMessage());
			return 0;
		}
		int sent = 0;
		try (connection) {
			for (int i = 0; i < rows.size(); i++) {
				Row row = rows.get(i);
				MimeMessage message;
				try {
					message = build(row);
				}
				catch (MessagingException | RuntimeException ex) {
					fail(workerId, row.id(), "Could not build the message: " + ex.getMessage());
					continue;
				}
				if (!markInFlight(workerId, row.id())) {
					continue; // the lease ran out and another node may own the row now
				}
				try {
					connection.send(message);
				}
				catch (MessagingException ex) {
					Integer code = SmtpReply.code(ex);
					if (code == null) {
						// The line broke mid-conversation: the server may have taken it.
						inDoubt(workerId, row.id(), ex.getMessage());
						retryLater(workerId, ids.subList(i + 1, ids.size()), "Connection lost");
						return sent;
					}
					if (code >= 500) {
						fail(workerId, row.id(), "SMTP " + code + ": " + ex.getMessage());
					}
					else {
						refusedForNow(workerId, row.id(), "SMTP " + code + ": " + ex.getMessage());
					}
					continue;
				}
				markSent(workerId, row.id());
				sent++;
			}
		}
		catch (RuntimeException ex) {
			// Rows not yet attempted go back to the queue; one in flight (if any) is left
			// to its lease.
			retryLater(workerId, ids, "Worker error: " + ex.getMessage());
			throw ex;
		}
		return sent;
	}

	MimeMessage build(Row row) throws MessagingException {
		MimeMessage message = new FixedIdMimeMessage(gateway.session(), row.messageId());
		boolean alternative = row.htmlBody() != null && row.textBody() != null;
		MimeMessageHelper helper = new MimeMessageHelper(message,
				alternative ? MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED : MimeMessageHelper.MULTIPART_MODE_NO,
				"UTF-8");
		if (row.fromAddress() != null) {
			helper.setFrom(new InternetAddress(row.fromAddress(), true));
		}
		if (row.replyTo() != null) {
			helper.setReplyTo(new InternetAddress(row.replyTo(), true));
		}
		helper.setTo(new InternetAddress(row.toAddress(), true));
		helper.setSubject(row.subject());
		if (alternative) {
			helper.setText(row.textBody(), row.htmlBody());
		}
		else if (row.htmlBody() != null) {
			helper.setText(row.htmlBody(), true);
		}
		else {
			helper.setText(row.textBody());
		}
		if (row.headers() != null) {
			for (String line : row.headers().split("\n")) {
				int colon = line.indexOf(':');
				if (colon > 0) {
					message.setHeader(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
				}
			}
		}
		MailKind.valueOf(row.kind()).stamp(message);
		message.saveChanges();
		return message;
	}

	/**
	 * Commits the in-flight mark before the SMTP call; returns whether the row is still
	 * ours to send.
	 */
	private boolean markInFlight(String workerId, long id) {
		Instant now = clock.instant();
		return jdbc.sql("""
				update mail_outbox set smtp_started_at = ?
				where id = ? and claimed_by = ? and status = 'SENDING' and claimed_until > ?
				""").params(Timestamp.from(now), id, workerId, Timestamp.from(now)).update() == 1;
	}

	private void markSent(String workerId, long id) {
		Timestamp now = Timestamp.from(clock.instant());
		jdbc.sql(
				"""
						update mail_outbox set status = 'SENT', sent_at = ?, claimed_until = null, last_error = null, updated_at = ?
						where id = ? and claimed_by = ? and status in ('SENDING', 'UNKNOWN')
						""")
			.params(now, now, id, workerId)
			.update();
	}

	private void inDoubt(String workerId, long id, String error) {
		jdbc.sql("""
				update mail_outbox set status = 'UNKNOWN', claimed_until = null, last_error = ?, updated_at = ?
				where id = ? and claimed_by = ? and status = 'SENDING'
				""")
			.params(Mails.truncate("In doubt (line broke during SMTP): " + error, 1000),
					Timestamp.from(clock.instant()), id, workerId)
			.update();
		log.warn("Mail " + id + " in doubt (line broke during SMTP); marked UNKNOWN, not resent");
	}

	private void fail(String workerId, long id, String error) {
		jdbc.sql(
				"""
						update mail_outbox set status = 'FAILED', permanent = true, claimed_until = null, smtp_started_at = null,
						       last_error = ?, updated_at = ?
						where id = ? and claimed_by = ? and status = 'SENDING'
						""")
			.params(Mails.truncate(error, 1000), Timestamp.from(clock.instant()), id, workerId)
			.update();
	}

	/** The server answered 4xx: certainly not accepted, so the row may go again later. */
	private void refusedForNow(String workerId, long id, String error) {
		jdbc.sql("update mail_outbox set smtp_started_at = null where id = ? and claimed_by = ? and status = 'SENDING'")
			.params(id, workerId)
			.update();
		retryLater(workerId, List.of(id), error);
	}

	/**
	 * Back to PENDING after an exponential backoff, or FAILED once the attempts are used
	 * up. Only rows this worker still holds and that never reached SMTP.
	 */
	private void retryLater(String workerId, List<Long> ids, String error) {
		if (ids.isEmpty()) {
			return;
		}
		Instant now = clock.instant();
		jdbc.sql(
				"""
						update mail_outbox set
						  status = case when attempts >= :max then 'FAILED' else 'PENDING' end,
						  next_attempt_at = cast(:now as timestamptz)
						                    + make_interval(secs => cast(:base as double precision) * power(2, least(greatest(attempts - 1, 0), 16))),
						  claimed_until = null, last_error = :error, updated_at = :now
						where id in (:ids) and claimed_by = :worker and status = 'SENDING' and smtp_started_at is null
						""")
			.param("max", settings.maxAttempts())
			.param("now", Timestamp.from(now))
			.param("base", (double) settings.backoff().toSeconds())
			.param("error", Mails.truncate(error, 1000))
			.param("ids", ids)
			.param("worker", workerId)
			.update();
	}

}
