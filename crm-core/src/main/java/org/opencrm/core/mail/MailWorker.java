package org.opencrm.core.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.opencrm.core.mail.MailContentSource.Content;
import org.opencrm.core.mail.OutboxRows.Row;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Sends what {@link Mails} queued — every mail of the app, campaigns included — exactly
 * once per row as far as the database can know it. Each statement commits on its own
 * (call it outside a transaction): the in-flight mark must be committed before the SMTP
 * call.
 *
 * <p>
 * Per row: PENDING → (claimed in a batch, with a lease) SENDING → {@code smtp_started_at}
 * committed → SMTP → SENT committed (together with the next row's in-flight mark, one
 * statement per message). A refusal (an SMTP reply code) goes back to PENDING with
 * exponential backoff, or to FAILED after {@code max-attempts} or at once for 5xx. A
 * server that can't be reached, or a line that breaks before the end of a message, is an
 * outage: the batch goes back to the queue without using up attempts and this node pauses
 * ({@link SendPause}). Only a line that breaks after the end of a message — the server
 * may have accepted it — leaves the row UNKNOWN, as does a lease that expires after
 * {@code smtp_started_at}; those are never resent automatically but listed for a person
 * to resend ({@link MailsInDoubt}).
 */
@Service
public class MailWorker {

	private static final Log log = LogFactory.getLog(MailWorker.class);

	private final OutboxRows rows;

	private final MailGateway gateway;

	private final Clock clock;

	private final MailOutboxSettings settings;

	private final OutboxMessages messages;

	private final SendPause pause;

	/** When lease recovery is due next (epoch ms), shared by this node's workers. */
	private final AtomicLong nextRecovery = new AtomicLong();

	/** A worker without content sources, committing every statement synchronously. */
	public MailWorker(JdbcClient jdbc, MailGateway gateway, Clock clock, MailOutboxSettings settings) {
		this(jdbc, gateway, clock, settings, null, List.of());
	}

	@Autowired
	MailWorker(JdbcClient jdbc, MailGateway gateway, Clock clock, MailOutboxSettings settings,
			PlatformTransactionManager transactions, List<MailContentSource> sources) {
		this.rows = new OutboxRows(jdbc, clock, settings, transactions);
		this.gateway = gateway;
		this.clock = clock;
		this.settings = settings;
		this.messages = new OutboxMessages(gateway, sources);
		this.pause = new SendPause(clock, settings.pause(), settings.maxPause());
	}

	/** A fresh worker id: leases name it. */
	public static String newWorkerId() {
		return UUID.randomUUID().toString();
	}

	/**
	 * Sends batches until nothing is due or the server can't be reached, as a fresh
	 * worker; recovers expired leases on the way.
	 * @return how many mails the server accepted
	 */
	public int sendDue() {
		return drain(newWorkerId(), settings.batchSize());
	}

	/**
	 * Sends batches of {@code batchSize} as worker {@code workerId} until nothing is due
	 * or this node pauses.
	 * @return how many mails the server accepted
	 */
	public int drain(String workerId, int batchSize) {
		int sent = 0;
		while (true) {
			recoverIfDue();
			Batch batch = runOnce(workerId, batchSize);
			sent += batch.sent();
			if (batch.claimed() < batchSize || pause.paused()) {
				return sent;
			}
		}
	}

	/**
	 * Sends one queued mail right away, if it is still waiting and due (a mail someone
	 * just wrote); when the server can't take it now, it stays queued for a retry.
	 * @return whether the server accepted it
	 */
	public boolean sendNow(String messageId) {
		if (pause.paused()) {
			return false;
		}
		String workerId = newWorkerId();
		List<Long> ids = rows.claimOne(workerId, messageId);
		return !ids.isEmpty() && sendBatch(workerId, ids) == 1;
	}

	/** How many rows a batch claimed and how many of them the server accepted. */
	public record Batch(int claimed, int sent) {
	}

	/**
	 * Claims one batch of due rows and sends them; claims nothing while this node pauses
	 * after an outage.
	 */
	public Batch runOnce(String workerId, int batchSize) {
		if (pause.paused()) {
			return new Batch(0, 0);
		}
		List<Long> ids = rows.claim(workerId, batchSize);
		if (ids.isEmpty()) {
			return new Batch(0, 0);
		}
		return new Batch(ids.size(), sendBatch(workerId, ids));
	}

	/** Whether this node currently holds back after failing to reach the server. */
	public boolean paused() {
		return pause.paused();
	}

	/** Ends a pause now: the next run tries the server again. */
	public void resumeNow() {
		pause.succeeded();
	}

	/**
	 * What a crashed node left behind: rows whose lease ran out. Those that never reached
	 * SMTP go back to PENDING; those that may have been accepted go to UNKNOWN.
	 */
	public int recoverExpiredLeases() {
		nextRecovery.set(clock.millis() + settings.interval().toMillis());
		int[] recovered = rows.recoverExpired();
		if (recovered[1] > 0) {
			log.warn(recovered[1] + " mail(s) in doubt after an expired lease; marked UNKNOWN, not resent");
		}
		return recovered[0] + recovered[1];
	}

	/** Lease recovery between batches, at most once per interval across this node. */
	private void recoverIfDue() {
		long due = nextRecovery.get();
		if (clock.millis() >= due && nextRecovery.compareAndSet(due, clock.millis() + settings.interval().toMillis())) {
			recoverExpiredLeases();
		}
	}

	private int sendBatch(String workerId, List<Long> ids) {
		List<Row> batch = rows.load(ids);
		List<Long> order = batch.stream().map(Row::id).toList();
		Map<Long, Content> rendered;
		try {
			rendered = messages.render(batch);
		}
		catch (RuntimeException ex) {
			rows.retryLater(workerId, order, "Could not render: " + ex.getMessage());
			throw ex;
		}
		MailGateway.Connection connection;
		try {
			connection = gateway.open();
		}
		catch (MessagingException | RuntimeException ex) {
			// Nothing reached the server: the batch waits, and this node pauses.
			Duration wait = pause.failed();
			rows.backAfterOutage(workerId, order, null, wait, "Could not connect: " + ex.getMessage());
			log.warn("Could not reach the mail server; " + order.size() + " mail(s) wait, sending pauses for " + wait
					+ ": " + ex.getMessage());
			return 0;
		}
		int sent = 0;
		Long accepted = null;
		try (connection) {
			for (int i = 0; i < batch.size(); i++) {
				Row row = batch.get(i);
				MimeMessage message;
				try {
					message = messages.build(row, rendered);
				}
				catch (MessagingException | RuntimeException ex) {
					markSent(workerId, accepted);
					accepted = null;
					rows.fail(workerId, row.id(), ex instanceof OutboxMessages.Dropped ? ex.getMessage()
							: "Could not build the message: " + ex.getMessage());
					continue;
				}
				boolean ours = rows.advance(workerId, accepted, row.id());
				accepted = null;
				if (!ours) {
					continue; // the lease ran out and another node may own the row now
				}
				try {
					connection.send(message);
				}
				catch (MessagingException ex) {
					Integer code = SmtpReply.code(ex);
					if (code != null) {
						if (code >= 500) {
							rows.fail(workerId, row.id(), "SMTP " + code + ": " + ex.getMessage());
						}
						else {
							rows.refusedForNow(workerId, row.id(), "SMTP " + code + ": " + ex.getMessage());
						}
						continue;
					}
					lineBroke(workerId, order.subList(i, order.size()), row.id(), ex);
					return sent;
				}
				accepted = row.id();
				sent++;
				if (sent == 1) {
					pause.succeeded();
				}
			}
			markSent(workerId, accepted);
		}
		catch (RuntimeException ex) {
			// Rows not yet attempted go back to the queue; one in flight (if any) is left
			// to its lease.
			markSent(workerId, accepted);
			rows.retryLater(workerId, order, "Worker error: " + ex.getMessage());
			throw ex;
		}
		return sent;
	}

	/**
	 * The line broke while {@code current} was being sent. After the end of the message
	 * the server may have it (UNKNOWN); before it, it has nothing and the mail goes
	 * again. Either way the rest of the batch goes back to the queue and this node
	 * pauses.
	 */
	private void lineBroke(String workerId, List<Long> currentAndRest, long current, MessagingException ex) {
		Duration wait = pause.failed();
		if (ex instanceof DeliveryInDoubtException) {
			rows.inDoubt(workerId, current, ex.getMessage());
			rows.backAfterOutage(workerId, currentAndRest.subList(1, currentAndRest.size()), null, wait,
					"Connection lost");
			log.warn("Mail " + current + " in doubt (no answer to the end of the message); marked UNKNOWN, not resent");
		}
		else {
			rows.backAfterOutage(workerId, currentAndRest, current, wait,
					"Connection lost before the end of the message: " + ex.getMessage());
		}
		log.warn("The connection to the mail server broke; " + currentAndRest.size()
				+ " mail(s) wait, sending pauses for " + wait + ": " + ex.getMessage());
	}

	private void markSent(String workerId, Long id) {
		if (id != null) {
			rows.markSent(workerId, id);
		}
	}

}
