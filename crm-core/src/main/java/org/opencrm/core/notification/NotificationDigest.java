package org.opencrm.core.notification;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.opencrm.core.config.CrmSettings;
import org.opencrm.core.mail.MailTemplates;
import org.opencrm.core.mail.Mails;
import org.opencrm.core.mail.OutgoingMail;
import org.opencrm.core.shared.MailKind;
import org.opencrm.core.shared.Rows;
import org.opencrm.core.shared.RuleViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The daily digest: one mail per user gathering the notifications of the kinds they chose
 * to get daily ({@link EmailDelivery#DAILY}) that arrived since the last one. Each user's
 * rows are claimed with {@code for update} in id order and cleared in the transaction
 * that queues the mail in the outbox: a second run (another node, the same minute) waits
 * for the first, then finds them cleared and sends nothing, so every notification is in
 * one digest and a user gets one mail per run. The scheduler sends each user's at the
 * hour of their day they chose ({@code users.digest_hour} in {@code users.time_zone},
 * else the install's zone): {@link #sendScheduled}.
 */
@Service
public class NotificationDigest {

	private static final Log log = LogFactory.getLog(NotificationDigest.class);

	static final int USERS_PER_BATCH = 100;

	/** Lines in one mail; more are summed up as "and N more". */
	static final int MAX_LINES = 50;

	private final JdbcClient jdbc;

	private final Mails mails;

	private final MailTemplates templates;

	private final NotificationTexts texts;

	private final CrmSettings settings;

	private final TransactionTemplate tx;

	private final Clock clock;

	NotificationDigest(JdbcClient jdbc, Mails mails, MailTemplates templates, NotificationTexts texts,
			CrmSettings settings, TransactionTemplate tx, Clock clock) {
		this.clock = clock;
		this.jdbc = jdbc;
		this.mails = mails;
		this.templates = templates;
		this.texts = texts;
		this.settings = settings;
		this.tx = tx;
	}

	private record Claimed(String messageKey, List<String> args, String recordType, Long recordId, Instant createdAt,
			String actorName, String email, String fullName, String locale) {
	}

	/** A line of the digest mail. */
	public record Line(String text, String link) {
	}

	/**
	 * Sends every digest waiting, whatever the hour; returns how many mails this call
	 * queued.
	 */
	public int sendDue() {
		return send(null);
	}

	/**
	 * Sends the digests of the users whose chosen hour it is now in their zone (the
	 * scheduler runs this every hour); returns how many mails this call queued.
	 */
	public int sendScheduled() {
		return send(clock.instant());
	}

	private int send(Instant hour) {
		String ofTheHour = hour == null ? "" : """
				and extract(hour from cast(:hour as timestamptz) at time zone coalesce(u.time_zone, :zone))
				    = u.digest_hour
				""";
		int sent = 0;
		long after = 0;
		while (true) {
			var query = jdbc.sql("""
					select distinct n.recipient_id from notifications n join users u on u.id = n.recipient_id
					where n.digest_pending and n.recipient_id > :after
					""" + ofTheHour + " order by n.recipient_id limit :batch")
				.param("after", after)
				.param("batch", USERS_PER_BATCH);
			if (hour != null) {
				query = query.param("hour", Timestamp.from(hour)).param("zone", settings.timeZone());
			}
			List<Long> users = query.query(Long.class).list();
			for (long user : users) {
				if (Boolean.TRUE.equals(tx.execute(s -> sendTo(user)))) {
					sent++;
				}
			}
			if (users.size() < USERS_PER_BATCH) {
				return sent;
			}
			after = users.get(users.size() - 1);
		}
	}

	private boolean sendTo(long userId) {
		List<Claimed> claimed = jdbc.sql("""
				with claimed as (
				  update notifications n set digest_pending = false
				  where n.id in (select id from notifications where recipient_id = :user and digest_pending
				                 order by id for update)
				    and n.digest_pending
				  returning n.id, n.recipient_id, n.actor_id, n.message_key, n.message_args, n.record_type, n.record_id,
				            n.created_at)
				select c.*, a.full_name as actor_name, u.email, u.full_name, u.locale
				from claimed c join users u on u.id = c.recipient_id left join users a on a.id = c.actor_id
				where u.enabled
				order by c.id
				""")
			.param("user", userId)
			.query((rs, i) -> new Claimed(rs.getString("message_key"), Rows.textArray(rs, "message_args"),
					rs.getString("record_type"), Rows.longOrNull(rs, "record_id"), Rows.instantOrNull(rs, "created_at"),
					rs.getString("actor_name"), rs.getString("email"), rs.getString("full_name"),
					rs.getString("locale")))
			.list();
		if (claimed.isEmpty() || claimed.get(0).email() == null || claimed.get(0).email().isBlank()) {
			return false;
		}
		Claimed first = claimed.get(0);
		OutgoingMail mail;
		try {
			mail = OutgoingMail.to(first.email(), MailKind.SYSTEM, "notification-digest");
		}
		catch (RuleViolationException ex) {
			log.warn("Notification digest for user " + userId + ": " + first.email() + " is not an address; no mail");
			return false;
		}
		Locale locale = templates.locale(first.locale());
		List<Line> lines = new ArrayList<>();
		for (Claimed c : claimed.subList(0, Math.min(MAX_LINES, claimed.size()))) {
			String path = NotificationTexts.path(c.recordType(), c.recordId());
			lines.add(new Line(texts.render(c.messageKey(), c.actorName(), c.args(), locale),
					path == null ? null : settings.link(path)));
		}
		mails.enqueue(mail.withContent(templates.render("notification-digest", locale,
				Map.of("name", first.fullName(), "count", claimed.size(), "lines", lines, "more",
						claimed.size() - lines.size(), "all", settings.link("/notifications"), "settings",
						settings.link("/me/notifications"))))
			.about("user", userId));
		return true;
	}

}
