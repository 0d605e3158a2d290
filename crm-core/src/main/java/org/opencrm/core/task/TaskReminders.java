package org.opencrm.core.task;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.opencrm.core.event.TaskReminderDue;
import org.opencrm.core.mail.MailTemplates;
import org.opencrm.core.mail.Mails;
import org.opencrm.core.mail.OutgoingMail;
import org.opencrm.core.notification.Notification;
import org.opencrm.core.notification.NotificationKind;
import org.opencrm.core.notification.Notifications;
import org.opencrm.core.shared.MailKind;
import org.opencrm.core.shared.Rows;
import org.opencrm.core.shared.RuleViolationException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fires task reminders whose time has come. Each is claimed in the database
 * ({@code for update skip
 * locked}, then stamped {@code reminded_at}) together with publishing
 * {@link TaskReminderDue} and queueing the e-mail to the assignee (in their language) in
 * the mail outbox, so with several nodes polling every reminder fires exactly once, and a
 * failing SMTP server delays the mail without firing the reminder twice.
 */
@Service
class TaskReminders {

	private static final Log log = LogFactory.getLog(TaskReminders.class);

	static final int BATCH = 100;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final Mails mails;

	private final MailTemplates templates;

	private final TransactionTemplate tx;

	private final Clock clock;

	private final Notifications notifications;

	private final TaskTexts texts;

	TaskReminders(JdbcClient jdbc, ApplicationEventPublisher events, Mails mails, MailTemplates templates,
			TransactionTemplate tx, Clock clock, Notifications notifications, TaskTexts texts) {
		this.texts = texts;
		this.notifications = notifications;
		this.jdbc = jdbc;
		this.events = events;
		this.mails = mails;
		this.templates = templates;
		this.tx = tx;
		this.clock = clock;
	}

	private record Due(long taskId, long assigneeId, String title, String titleKey, String titleArgs, Instant dueAt,
			String email, String fullName, String locale, String timeZone) {
	}

	/** Fires one batch of due reminders; returns how many this call fired. */
	public int fireDue() {
		List<Due> due = tx.execute(s -> claimAndAnnounce());
		return due == null ? 0 : due.size();
	}

	private List<Due> claimAndAnnounce() {
		Instant now = clock.instant();
		List<Due> due = jdbc.sql("""
				update tasks t set reminded_at = :now
				from users u
				where t.id in (select id from tasks
				               where remind_at is not null and reminded_at is null and status = 'OPEN'
				                 and remind_at <= :now
				               order by remind_at, id limit :batch
				               for update skip locked)
				  and t.reminded_at is null and u.id = t.assignee_id
				returning t.id, t.assignee_id, t.title, t.title_key, t.title_args, t.due_at, u.email, u.full_name,
				          u.locale, u.time_zone
				""")
			.param("now", Timestamp.from(now))
			.param("batch", BATCH)
			.query((rs, n) -> new Due(rs.getLong("id"), rs.getLong("assignee_id"), rs.getString("title"),
					rs.getString("title_key"), rs.getString("title_args"), Rows.instantOrNull(rs, "due_at"),
					rs.getString("email"), rs.getString("full_name"), rs.getString("locale"),
					rs.getString("time_zone")))
			.list();
		for (Due d : due) {
			events.publishEvent(new TaskReminderDue(d.taskId(), d.assigneeId(), d.title(), d.dueAt()));
			notifications.notify(Notification
				.to(d.assigneeId(), NotificationKind.TASK_REMINDER, "notification.taskReminder", d.title())
				.about("task", d.taskId()));
			if (d.email() != null && !d.email().isBlank()) {
				mail(d, now);
			}
		}
		return due;
	}

	private void mail(Due d, Instant now) {
		OutgoingMail mail;
		try {
			mail = OutgoingMail.to(d.email(), MailKind.SYSTEM, "task.reminder");
		}
		catch (RuleViolationException ex) {
			// The reminder still counts as fired: the event and the task list show it.
			log.warn("Task " + d.taskId() + ": the assignee's address " + d.email() + " is not one; no reminder mail");
			return;
		}
		Instant when = d.dueAt() == null ? now : d.dueAt();
		// In the assignee's language and zone (else the install's).
		Locale locale = templates.locale(d.locale());
		ZoneId zone = d.timeZone() == null ? clock.getZone() : ZoneId.of(d.timeZone());
		mails.enqueue(mail
			.withContent(templates.render("task-reminder", locale, Map.of("name", d.fullName(), "title",
					texts.render(d.titleKey(), d.titleArgs(), d.title(), locale), "dueAt", when.atZone(zone))))
			.about("task", d.taskId()));
	}

}
