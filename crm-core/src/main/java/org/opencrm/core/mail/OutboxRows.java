package org.opencrm.core.mail;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.opencrm.core.shared.Rows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The state transitions of {@code mail_outbox} rows while {@link MailWorker} sends them,
 * one statement each, committed on its own. Every update names the worker holding the row
 * ({@code claimed_by}), so a worker never finishes a row another one took over.
 */
class OutboxRows {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final MailOutboxSettings settings;

	private final TransactionTemplate tx;

	OutboxRows(JdbcClient jdbc, Clock clock, MailOutboxSettings settings, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.settings = settings;
		this.tx = transactions == null ? null : new TransactionTemplate(transactions);
	}

	record Row(long id, String kind, String contentSource, String fromAddress, String replyTo, String toAddress,
			String subject, String textBody, String htmlBody, String headers, String messageId, Long recordId) {
	}

	List<Long> claim(String workerId, int batchSize) {
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

	List<Long> claimOne(String workerId, String messageId) {
		Instant now = clock.instant();
		return jdbc.sql("""
				update mail_outbox set status = 'SENDING', claimed_by = ?, claimed_until = ?, attempts = attempts + 1,
				       updated_at = ?
				where message_id = ? and status = 'PENDING' and next_attempt_at <= ?
				returning id
				""")
			.params(workerId, Timestamp.from(now.plus(settings.lease())), Timestamp.from(now), messageId,
					Timestamp.from(now))
			.query(Long.class)
			.list();
	}

	List<Row> load(List<Long> ids) {
		return jdbc
			.sql("""
					select id, kind, content_source, from_address, reply_to, to_address, subject, text_body, html_body, headers,
					       message_id, record_id
					from mail_outbox where id in (:ids) order by id
					""")
			.param("ids", ids)
			.query(Rows.of(Row.class))
			.list();
	}

	/**
	 * Lease recovery: rows that never reached SMTP go back to PENDING, rows that may have
	 * been accepted become UNKNOWN. Returns {requeued, in doubt}.
	 */
	int[] recoverExpired() {
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
		return new int[] { requeued, unknown };
	}

	/**
	 * One statement, committed before the SMTP call of {@code next}: {@code sent} (the
	 * message the server just accepted, if any) becomes SENT and {@code next} is marked
	 * in flight. Returns whether {@code next} is still ours to send.
	 */
	boolean advance(String workerId, Long sent, long next) {
		Instant now = clock.instant();
		return jdbc.sql("""
				update mail_outbox set
				  status = case when id = :sent then 'SENT' else status end,
				  sent_at = case when id = :sent then :now else sent_at end,
				  claimed_until = case when id = :sent then null else claimed_until end,
				  last_error = case when id = :sent then null else last_error end,
				  updated_at = case when id = :sent then :now else updated_at end,
				  smtp_started_at = case when id = :next then :now else smtp_started_at end
				where claimed_by = :worker
				  and ((id = :sent and status in ('SENDING', 'UNKNOWN'))
				       or (id = :next and status = 'SENDING' and claimed_until > :now))
				returning id
				""")
			.param("sent", sent == null ? -1L : sent)
			.param("next", next)
			.param("now", Timestamp.from(now))
			.param("worker", workerId)
			.query(Long.class)
			.list()
			.contains(next);
	}

	/**
	 * The last accepted message of a batch. Committed without waiting for the WAL flush:
	 * should the database lose this commit, the row stays SENDING with
	 * {@code smtp_started_at} and becomes UNKNOWN — never resent. The in-flight mark,
	 * which guards against duplicates, stays synchronous.
	 */
	void markSent(String workerId, long id) {
		Runnable update = () -> {
			if (tx != null) {
				jdbc.sql("set local synchronous_commit = off").update();
			}
			Timestamp now = Timestamp.from(clock.instant());
			jdbc.sql("""
					update mail_outbox set status = 'SENT', sent_at = ?, claimed_until = null, last_error = null,
					       updated_at = ?
					where id = ? and claimed_by = ? and status in ('SENDING', 'UNKNOWN')
					""").params(now, now, id, workerId).update();
		};
		if (tx == null) {
			update.run();
		}
		else {
			tx.executeWithoutResult(status -> update.run());
		}
	}

	void inDoubt(String workerId, long id, String error) {
		jdbc.sql("""
				update mail_outbox set status = 'UNKNOWN', claimed_until = null, last_error = ?, updated_at = ?
				where id = ? and claimed_by = ? and status = 'SENDING'
				""")
			.params(Mails.truncate("In doubt (no answer to the end of the message): " + error, 1000),
					Timestamp.from(clock.instant()), id, workerId)
			.update();
	}

	void fail(String workerId, long id, String error) {
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
	void refusedForNow(String workerId, long id, String error) {
		jdbc.sql("update mail_outbox set smtp_started_at = null where id = ? and claimed_by = ? and status = 'SENDING'")
			.params(id, workerId)
			.update();
		retryLater(workerId, List.of(id), error);
	}

	/**
	 * Back to PENDING after an exponential backoff (base × 2^(attempts − 1)), or FAILED
	 * once the attempts are used up. Only rows this worker still holds and that never
	 * reached SMTP.
	 */
	void retryLater(String workerId, List<Long> ids, String error) {
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

	/**
	 * The server could not be reached, or the line died before the end of a message: the
	 * server certainly has none of {@code ids}. They go back to PENDING after
	 * {@code wait}, and the attempt does not count against them (an outage is not the
	 * mail's fault) — except for {@code inFlight}, the message being written when the
	 * line died, so a message that itself kills connections still ends FAILED.
	 */
	void backAfterOutage(String workerId, List<Long> ids, Long inFlight, Duration wait, String error) {
		if (ids.isEmpty()) {
			return;
		}
		Instant now = clock.instant();
		jdbc.sql("""
				update mail_outbox set
				  status = case when id = :inFlight and attempts >= :max then 'FAILED' else 'PENDING' end,
				  attempts = case when id = :inFlight then attempts else greatest(attempts - 1, 0) end,
				  next_attempt_at = :next, smtp_started_at = null, claimed_until = null, last_error = :error,
				  updated_at = :now
				where id in (:ids) and claimed_by = :worker and status = 'SENDING'
				""")
			.param("inFlight", inFlight == null ? -1L : inFlight)
			.param("max", settings.maxAttempts())
			.param("next", Timestamp.from(now.plus(wait)))
			.param("error", Mails.truncate(error, 1000))
			.param("now", Timestamp.from(now))
			.param("ids", ids)
			.param("worker", workerId)
			.update();
	}

}
