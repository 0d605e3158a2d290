package org.opencrm.marketing.send;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.opencrm.core.config.CrmSettings;
import org.opencrm.core.mail.FixedIdMimeMessage;
import org.opencrm.core.mail.MailGateway;
import org.opencrm.core.mail.SmtpReply;
import org.opencrm.core.shared.MailKind;
import org.opencrm.core.timeline.InteractionKind;
import org.opencrm.core.timeline.RecordInteraction;
import org.opencrm.core.timeline.TimelineText;
import org.opencrm.core.timeline.TimelineService;
import org.opencrm.marketing.EngagementRecorded;
import org.opencrm.marketing.MarketingSettings;
import org.opencrm.marketing.template.MergeData;
import org.opencrm.marketing.template.RenderedEmail;
import org.opencrm.marketing.template.TemplateMarkup;
import org.opencrm.marketing.tracking.TrackingTokens;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends what the outbox holds, exactly once per row as far as the database can know it.
 *
 * <p>
 * Per row: PENDING → (claimed in a batch, with a lease) SENDING → {@code smtp_started_at}
 * committed → SMTP → SENT committed. A certain refusal (an SMTP reply code) goes back to
 * PENDING with exponential backoff, or to FAILED after {@code max-attempts} or at once
 * for 5xx. A lease that expires before a row's SMTP call puts it back to PENDING (it
 * never left us). A lease that expires after {@code smtp_started_at}, or a broken line
 * during the SMTP call, leaves the row UNKNOWN: the server may have accepted it, so it is
 * never resent automatically. That is the trade-off: at most once across the SMTP
 * boundary (a crash in the milliseconds between the server's "250 OK" and our commit can
 * lose the SENT mark, never duplicate a mail), at-least-once everywhere else (nothing
 * claimed but unsent is lost). UNKNOWN rows are counted on the report.
 *
 * <p>
 * The campaign queue keeps its own table (its recipients are materialised into it in one
 * statement, and tracking stamps its rows) but shares core's SMTP boundary
 * ({@link MailGateway}), its refusal-or-broken-line rule ({@link SmtpReply}) and its
 * fixed Message-IDs with the one mail outbox ({@code org.opencrm.core.mail}).
 */
@Service
public class OutboxWorker {

	private static final Log log = LogFactory.getLog(OutboxWorker.class);

	private final JdbcClient jdbc;

	private final TransactionTemplate tx;

	private final MailGateway gateway;

	private final TrackingTokens tokens;

	private final TimelineService timeline;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final String baseUrl;

	private final String from;

	/** Where replies go (the inbound mailbox by default), or null. */
	private final String replyTo;

	private final int maxAttempts;

	private final Duration lease;

	private final Duration backoff;

	OutboxWorker(JdbcClient jdbc, TransactionTemplate tx, MailGateway gateway, TrackingTokens tokens,
			TimelineService timeline, ApplicationEventPublisher events, Clock clock, CrmSettings crm,
			MarketingSettings settings) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.gateway = gateway;
		this.tokens = tokens;
		this.timeline = timeline;
		this.events = events;
		this.clock = clock;
		this.baseUrl = crm.baseUrl();
		this.from = settings.from();
		this.replyTo = settings.replyToOrNull();
		this.maxAttempts = settings.send().maxAttempts();
		this.lease = settings.send().lease();
		this.backoff = settings.send().backoff();
	}

	/**
	 * A fresh id for a worker: leases name it, so a worker never finishes a row another
	 * one took over.
	 */
	public static String newWorkerId() {
		return UUID.randomUUID().toString();
	}

	/** Sends batches until nothing is due; returns how many rows were claimed in all. */
	public int drain(String workerId, int batchSize) {
		int total = 0;
		int n;
		while ((n = runOnce(workerId, batchSize)) > 0) {
			total += n;
		}
		return total;
	}

	/** Claims one batch of due rows and sends them; returns how many were claimed. */
	public int runOnce(String workerId, int batchSize) {
		List<Long> ids = claim(workerId, batchSize);
		if (ids.isEmpty()) {
			return 0;
		}
		try {
			sendBatch(workerId, ids);
		}
		finally {
			recordTouches(1000);
			completeCampaigns(ids);
		}
		return ids.size();
	}

	/**
	 * What a crashed node left behind: rows whose lease ran out. Those that never reached
	 * SMTP go back to PENDING; those that may have been accepted go to UNKNOWN.
	 */
	public int recoverExpiredLeases() {
		Timestamp now = Timestamp.from(clock.instant());
		int requeued = jdbc.sql("""
				update email_outbox set status = 'PENDING', claimed_by = null, claimed_until = null, updated_at = now()
				where status = 'SENDING' and claimed_until < ? and smtp_started_at is null
				""").param(now).update();
		int unknown = jdbc.sql("""
				update email_outbox set status = 'UNKNOWN', claimed_until = null,
				       last_error = 'Lease expired during the SMTP call: may have been delivered, not resent',
				       updated_at = now()
				where status = 'SENDING' and claimed_until < ? and smtp_started_at is not null
				""").param(now).update();
		if (unknown > 0) {
			log.warn(unknown + " e-mail(s) in doubt after an expired lease; marked UNKNOWN, not resent");
		}
		return requeued + unknown;
	}

	List<Long> claim(String workerId, int batchSize) {
		Instant now = clock.instant();
		return jdbc
			.sql("""
					with due as (
					  select id from email_outbox
					  where status = 'PENDING' and next_attempt_at <= ?
					  order by next_attempt_at, id
					  limit ?
					  for update skip locked
					)
					update email_outbox o set status = 'SENDING', claimed_by = ?, claimed_until = ?, attempts = o.attempts + 1,
					       updated_at = now()
					from due where o.id = due.id
					returning o.id
					""")
			.params(Timestamp.from(now), batchSize, workerId, Timestamp.from(now.plus(lease)))
			.query(Long.class)
			.list();
	}

	record Row(long id, Long campaignId, long templateId, String email, String messageId, String firstName,
			String lastName, String accountName, String ownerFullName, String ownerEmail) {
	}

	record Template(long id, String subject, String htmlBody, String textBody) {
	}

	private void sendBatch(String workerId, List<Long> ids) {
		List<Row> rows = jdbc.sql("""
				select o.id, o.campaign_id, o.template_id, o.email, o.message_id, c.first_name, c.last_name,
				       a.name as account_name, u.full_name as owner_full_name, u.email as owner_email
				from email_outbox o
				left join contacts c on c.id = o.contact_id
				left join accounts a on a.id = c.account_id
				left join users u on u.id = c.owner_id
				where o.id in (:ids)
				order by o.id
				""").param("ids", ids).query(Row.class).list();
		Map<Long, Template> templates = new HashMap<>();
		jdbc.sql("select id, subject, html_body, text_body from email_templates where id in (:ids)")
			.param("ids", rows.stream().map(Row::templateId).distinct().toList())
			.query(Template.class)
			.list()
			.forEach(t -> templates.put(t.id(), t));

		MailGateway.Connection connection;
		try {
			connection = gateway.open();
		}
		catch (MessagingException | RuntimeException ex) {
			// Nothing reached the server: every row of the batch is retryable.
			retryLater(workerId, ids, "Could not connect: " + ex.getMessage());
			return;
		}
		// The SENT mark of one message and the in-flight mark of the next travel in one
		// statement.
		Long accepted = null;
		try (connection) {
			for (int i = 0; i < rows.size(); i++) {
				Row row = rows.get(i);
				MimeMessage message;
				try {
					message = build(row, templates.get(row.templateId()));
				}
				catch (MessagingException | RuntimeException ex) {
					markSentIfAny(workerId, accepted);
					accepted = null;
					fail(row.id(), workerId, "Could not build the message: " + ex.getMessage(), true);
					continue;
				}
				boolean inFlight = advance(workerId, accepted, row.id());
				accepted = null;
				if (!inFlight) {
					continue; // the lease ran out and another node may own the row now
				}
				try {
					connection.send(message);
				}
				catch (MessagingException ex) {
					Integer code = SmtpReply.code(ex);
					if (code == null) {
						// The line broke mid-conversation: the server may have taken it.
						// Never resend it.
						inDoubt(workerId, row.id(), ex.getMessage());
						retryLater(workerId, ids.subList(indexOf(ids, row.id()) + 1, ids.size()), "Connection lost");
						return;
					}
					if (code >= 500) {
						fail(row.id(), workerId, "SMTP " + code + ": " + ex.getMessage(), true);
						bounced(row);
					}
					else {
						refusedForNow(workerId, row.id(), "SMTP " + code + ": " + ex.getMessage());
					}
					continue;
				}
				accepted = row.id();
			}
			markSentIfAny(workerId, accepted);
		}
		catch (RuntimeException ex) {
			// Rows not yet attempted go back to the queue; one in flight (if any) is left
			// to its lease.
			retryLater(workerId, ids, "Worker error: " + ex.getMessage());
			throw ex;
		}
	}

	private static int indexOf(List<Long> ids, long id) {
		return ids.indexOf(id);
	}

	/**
	 * One statement: {@code sent} (the message the server just accepted, if any) becomes
	 * SENT, and {@code next} is marked in flight — committed before its SMTP call.
	 * Returns whether {@code next} is still ours to send.
	 */
	private boolean advance(String workerId, Long sent, long next) {
		Instant now = clock.instant();
		List<Long> updated = jdbc.sql("""
				update email_outbox set
				  status = case when id = :sent then 'SENT' else status end,
				  sent_at = case when id = :sent then :now else sent_at end,
				  claimed_until = case when id = :sent then null else claimed_until end,
				  last_error = case when id = :sent then null else last_error end,
				  updated_at = case when id = :sent then now() else updated_at end,
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
			.list();
		return updated.contains(next);
	}

	private void markSentIfAny(String workerId, Long id) {
		if (id != null) {
			markSent(workerId, id);
		}
	}

	/**
	 * Committed without waiting for the WAL flush: if the database crashes and loses this
	 * commit, the row stays SENDING with {@code smtp_started_at} and goes to UNKNOWN —
	 * never resent. The in-flight mark before the SMTP call, which guards against
	 * duplicates, stays synchronous.
	 */
	private void markSent(String workerId, long id) {
		tx.executeWithoutResult(status -> markSentNow(workerId, id));
	}

	private void markSentNow(String workerId, long id) {
		jdbc.sql("set local synchronous_commit = off").update();
		jdbc.sql("""
				update email_outbox set status = 'SENT', sent_at = ?, claimed_until = null, last_error = null,
				       updated_at = now()
				where id = ? and claimed_by = ? and status in ('SENDING', 'UNKNOWN')
				""").params(Timestamp.from(clock.instant()), id, workerId).update();
	}

	private void inDoubt(String workerId, long id, String error) {
		jdbc.sql("""
				update email_outbox set status = 'UNKNOWN', claimed_until = null, last_error = ?, updated_at = now()
				where id = ? and claimed_by = ? and status = 'SENDING'
				""").params(truncate("In doubt (line broke during SMTP): " + error), id, workerId).update();
	}

	private void fail(long id, String workerId, String error, boolean permanent) {
		jdbc.sql("""
				update email_outbox set status = 'FAILED', permanent = ?, claimed_until = null, smtp_started_at = null,
				       last_error = ?, updated_at = now()
				where id = ? and claimed_by = ? and status = 'SENDING'
				""").params(permanent, truncate(error), id, workerId).update();
	}

	/** The server answered 4xx: certainly not accepted, so the row may go again later. */
	private void refusedForNow(String workerId, long id, String error) {
		jdbc.sql(
				"update email_outbox set smtp_started_at = null where id = ? and claimed_by = ? and status = 'SENDING'")
			.params(id, workerId)
			.update();
		retryLater(workerId, List.of(id), error);
	}

	/**
	 * Back to PENDING after an exponential backoff (base × 2^(attempts − 1)), or FAILED
	 * once the attempts are used up. Only rows this worker still holds and that never
	 * reached SMTP.
	 */
	private void retryLater(String workerId, List<Long> ids, String error) {
		if (ids.isEmpty()) {
			return;
		}
		jdbc.sql(
				"""
						update email_outbox set
						  status = case when attempts >= :max then 'FAILED' else 'PENDING' end,
						  next_attempt_at = cast(:now as timestamptz) + make_interval(secs => cast(:base as double precision) * power(2, greatest(attempts - 1, 0))),
						  claimed_until = null, last_error = :error, updated_at = now()
						where id in (:ids) and claimed_by = :worker and status = 'SENDING' and smtp_started_at is null
						""")
			.param("max", maxAttempts)
			.param("now", Timestamp.from(clock.instant()))
			.param("base", (double) backoff.toSeconds())
			.param("error", truncate(error))
			.param("ids", ids)
			.param("worker", workerId)
			.update();
	}

	private void bounced(Row row) {
		jdbc.sql("insert into email_suppressions (email, reason) values (?, 'BOUNCED') on conflict do nothing")
			.param(row.email())
			.update();
	}

	private MimeMessage build(Row row, Template t) throws MessagingException {
		String unsubscribeUrl = baseUrl + "/u/" + tokens.unsubscribe(row.id());
		MergeData data = new MergeData(row.firstName(), row.lastName(), row.email(), row.accountName(),
				row.ownerFullName(), row.ownerEmail(), unsubscribeUrl);
		RenderedEmail r = TemplateMarkup.render(t.subject(), t.htmlBody(), t.textBody(), data,
				url -> baseUrl + "/t/c/" + tokens.click(row.id(), url));
		String pixel = "<img src=\"" + baseUrl + "/t/o/" + tokens.open(row.id())
				+ "\" width=\"1\" height=\"1\" alt=\"\">";
		int body = r.html().toLowerCase().lastIndexOf("</body>");
		String html = body >= 0 ? r.html().substring(0, body) + pixel + r.html().substring(body) : r.html() + pixel;
		MimeMessage msg = new FixedIdMimeMessage(gateway.session(), row.messageId());
		msg.setFrom(new InternetAddress(from));
		if (replyTo != null) {
			// Replies go to the polled mailbox, where they are kept (as tickets) and
			// noticed as replies.
			msg.setReplyTo(new InternetAddress[] { new InternetAddress(replyTo) });
		}
		msg.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(row.email(), true));
		msg.setSubject(r.subject(), "UTF-8");
		MimeBodyPart text = new MimeBodyPart();
		text.setText(r.text(), "UTF-8");
		MimeBodyPart htmlPart = new MimeBodyPart();
		htmlPart.setText(html, "UTF-8", "html");
		msg.setContent(new MimeMultipart("alternative", text, htmlPart));
		// RFC 2369 / RFC 8058: mail clients offer a one-click unsubscribe that POSTs to
		// the URL.
		msg.setHeader("List-Unsubscribe", "<" + unsubscribeUrl + ">");
		msg.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
		MailKind.MARKETING.stamp(msg);
		msg.saveChanges();
		return msg;
	}

	private static String truncate(String s) {
		return s == null ? null : s.length() > 1000 ? s.substring(0, 1000) : s;
	}

	record Touch(long id, Long contactId, String email, Long campaignId, String campaignName, String subject,
			Instant sentAt) {
	}

	/**
	 * Puts sent e-mails on their contacts' timelines and announces them, a batch per
	 * transaction.
	 */
	public int recordTouches(int limit) {
		Integer n = tx.execute(status -> {
			List<Touch> touches = jdbc.sql("""
					select o.id, o.contact_id, o.email, o.campaign_id, c.name as campaign_name, t.subject, o.sent_at
					from email_outbox o
					left join campaigns c on c.id = o.campaign_id
					join email_templates t on t.id = o.template_id
					where o.status = 'SENT' and not o.touch_recorded
					order by o.id
					limit ?
					for update of o skip locked
					""").param(limit).query(Touch.class).list();
			List<Long> ids = new ArrayList<>();
			for (Touch t : touches) {
				if (t.contactId() != null) {
					String what = t.campaignName() != null ? t.campaignName() : t.subject();
					timeline.record(new RecordInteraction(InteractionKind.CAMPAIGN, t.sentAt(), null, t.contactId(),
							TimelineText.of("timeline.campaign.sent", what), TimelineText.quote(t.subject()),
							"marketing", t.campaignId() != null ? "campaign:" + t.campaignId() : "send:" + t.id()));
				}
				events.publishEvent(new EngagementRecorded(t.contactId(), t.email(), EngagementRecorded.Type.SENT,
						t.campaignId(), t.sentAt()));
				ids.add(t.id());
			}
			if (!ids.isEmpty()) {
				jdbc.sql("update email_outbox set touch_recorded = true where id in (:ids)").param("ids", ids).update();
			}
			return ids.size();
		});
		return n == null ? 0 : n;
	}

	/** A campaign is SENT once none of its rows waits or is being sent. */
	private void completeCampaigns(List<Long> ids) {
		jdbc.sql(
				"""
						update campaigns c set status = 'SENT', sent_at = :now, version = version + 1, updated_at = now()
						where c.status = 'SENDING'
						  and c.id in (select distinct campaign_id from email_outbox where id in (:ids) and campaign_id is not null)
						  and not exists (select 1 from email_outbox o where o.campaign_id = c.id and o.status in ('PENDING', 'SENDING'))
						""")
			.param("now", Timestamp.from(clock.instant()))
			.param("ids", ids)
			.update();
	}

}
