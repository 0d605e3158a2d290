package org.opencrm.core.notification;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.opencrm.core.config.CrmSettings;
import org.opencrm.core.mail.MailTemplates;
import org.opencrm.core.mail.Mails;
import org.opencrm.core.mail.OutgoingMail;
import org.opencrm.core.shared.Actor;
import org.opencrm.core.shared.MailKind;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.Rows;
import org.opencrm.core.shared.RuleViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tells users about what needs them, and keeps their choices. {@link #notify} is the one
 * way any module (or a workflow action) raises a notification: written in the caller's
 * transaction, so it exists exactly when the change it reports was committed, and a mail
 * the user chose to get at once is queued in the same transaction (the outbox sends it
 * once). Nobody is told about what they did themselves. Reading is
 * {@link NotificationList}, the daily mail {@link NotificationDigest}.
 */
@Service
public class Notifications {

	private static final Log log = LogFactory.getLog(Notifications.class);

	private final JdbcClient jdbc;

	private final Mails mails;

	private final MailTemplates templates;

	private final NotificationTexts texts;

	private final CrmSettings settings;

	private final Clock clock;

	Notifications(JdbcClient jdbc, Mails mails, MailTemplates templates, NotificationTexts texts, CrmSettings settings,
			Clock clock) {
		this.jdbc = jdbc;
		this.mails = mails;
		this.templates = templates;
		this.texts = texts;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Part of deleting a record (an imported lead when its import is reverted): the
	 * notifications about it would lead nowhere.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void forgetRecord(String recordType, long recordId) {
		jdbc.sql("delete from notifications where record_type = ? and record_id = ?")
			.params(recordType, recordId)
			.update();
	}

	private record Recipient(String email, String fullName, String locale, EmailDelivery delivery) {
	}

	/**
	 * Notifies {@code n.recipientId()}, unless they are who is acting (the signed-in
	 * user) or not an enabled user.
	 * @return the notification's id, empty when nobody was notified
	 */
	@Transactional
	public Optional<Long> notify(Notification n) {
		Long actor = Actor.currentIdOrNull();
		if (actor != null && actor == n.recipientId()) {
			return Optional.empty();
		}
		Optional<Recipient> found = jdbc.sql("""
				select u.email, u.full_name, u.locale, coalesce(p.delivery, :fallback) as delivery
				from users u
				left join notification_preferences p on p.user_id = u.id and p.kind = :kind
				where u.id = :user and u.enabled and u.role <> 'CUSTOMER'
				""")
			.param("fallback", n.kind().defaultDelivery().name())
			.param("kind", n.kind().name())
			.param("user", n.recipientId())
			.query((rs, i) -> new Recipient(rs.getString("email"), rs.getString("full_name"), rs.getString("locale"),
					EmailDelivery.valueOf(rs.getString("delivery"))))
			.optional();
		if (found.isEmpty()) {
			return Optional.empty();
		}
		Recipient to = found.get();
		long id = jdbc.sql("""
				insert into notifications (recipient_id, actor_id, kind, message_key, message_args, record_type,
				                           record_id, created_at, digest_pending)
				values (:user, :actor, :kind, :key, :args, :type, :record, :now, :digest)
				returning id
				""")
			.param("user", n.recipientId())
			.param("actor", actor)
			.param("kind", n.kind().name())
			.param("key", n.messageKey())
			.param("args", new SqlArrayValue("text", n.args().toArray()))
			.param("type", n.recordType())
			.param("record", n.recordId())
			.param("now", Timestamp.from(clock.instant()))
			.param("digest", to.delivery() == EmailDelivery.DAILY && hasAddress(to))
			.query(Long.class)
			.single();
		if (to.delivery() == EmailDelivery.IMMEDIATE && hasAddress(to)) {
			mailNow(id, n, actor, to);
		}
		return Optional.of(id);
	}

	private static boolean hasAddress(Recipient to) {
		return to.email() != null && !to.email().isBlank();
	}

	private void mailNow(long id, Notification n, Long actor, Recipient to) {
		OutgoingMail mail;
		try {
			mail = OutgoingMail.to(to.email(), MailKind.SYSTEM, "notification");
		}
		catch (RuleViolationException ex) {
			log.warn("Notification " + id + ": the recipient's address " + to.email() + " is not one; no mail");
			return;
		}
		var locale = templates.locale(to.locale());
		String actorName = actor == null ? ""
				: jdbc.sql("select full_name from users where id = ?").param(actor).query(String.class).single();
		String text = texts.render(n.messageKey(), actorName, n.args(), locale);
		String path = NotificationTexts.path(n.recordType(), n.recordId());
		mails.enqueue(mail
			.withContent(templates.render("notification", locale, Map.of("name", to.fullName(), "text", text, "link",
					path == null ? "" : settings.link(path), "settings", settings.link("/me/notifications"))))
			.about("notification", id));
	}

	/**
	 * Marks one of the user's notifications read.
	 * @return the app path of the record it is about, empty for none
	 * @throws NotFoundException for one that is not theirs (or doesn't exist)
	 */
	@Transactional
	public Optional<String> markRead(long userId, long notificationId) {
		List<Optional<String>> found = jdbc.sql("""
				update notifications set read_at = coalesce(read_at, :now)
				where id = :id and recipient_id = :user
				returning record_type, record_id
				""")
			.param("now", Timestamp.from(clock.instant()))
			.param("id", notificationId)
			.param("user", userId)
			.query((rs, i) -> Optional
				.ofNullable(NotificationTexts.path(rs.getString("record_type"), Rows.longOrNull(rs, "record_id"))))
			.list();
		if (found.isEmpty()) {
			throw new NotFoundException("Notification", notificationId);
		}
		return found.get(0);
	}

	/** Marks every unread notification of the user read; returns how many. */
	@Transactional
	public int markAllRead(long userId) {
		return jdbc.sql("update notifications set read_at = :now where recipient_id = :user and read_at is null")
			.param("now", Timestamp.from(clock.instant()))
			.param("user", userId)
			.update();
	}

	/**
	 * The user's mail choice for every kind (the kind's default where they chose none).
	 */
	@Transactional(readOnly = true)
	public Map<NotificationKind, EmailDelivery> preferences(long userId) {
		Map<NotificationKind, EmailDelivery> choices = new EnumMap<>(NotificationKind.class);
		for (NotificationKind kind : NotificationKind.values()) {
			choices.put(kind, kind.defaultDelivery());
		}
		jdbc.sql("select kind, delivery from notification_preferences where user_id = ?")
			.param(userId)
			.query((rs, i) -> choices.put(NotificationKind.valueOf(rs.getString("kind")),
					EmailDelivery.valueOf(rs.getString("delivery"))))
			.list();
		return choices;
	}

	/**
	 * Saves the user's choices; kinds not named keep theirs. Notifications already
	 * waiting for a digest of a kind now not mailed daily are taken out of it.
	 */
	@Transactional
	public void savePreferences(long userId, Map<NotificationKind, EmailDelivery> choices) {
		choices.forEach((kind, delivery) -> {
			jdbc.sql("""
					insert into notification_preferences (user_id, kind, delivery) values (?, ?, ?)
					on conflict (user_id, kind) do update set delivery = excluded.delivery
					""").params(userId, kind.name(), delivery.name()).update();
			if (delivery != EmailDelivery.DAILY) {
				jdbc.sql("""
						update notifications set digest_pending = false
						where recipient_id = ? and kind = ? and digest_pending
						""").params(userId, kind.name()).update();
			}
		});
	}

}
