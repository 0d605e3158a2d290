package org.opencrm.core.task;

import jakarta.mail.internet.MimeMessage;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.opencrm.core.event.TaskReminderDue;
import org.opencrm.core.shared.MailKind;
import org.opencrm.core.shared.Rows;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fires task reminders whose time has come. Each is claimed in the database
 * ({@code for update skip
 * locked}, then stamped {@code reminded_at}) together with publishing
 * {@link TaskReminderDue}, so with several nodes polling every reminder fires exactly
 * once. The e-mail to the assignee goes out after that commit, best effort: a failing
 * SMTP server never fires a reminder twice.
 */
@Service
class TaskReminders {

	private static final Log log = LogFactory.getLog(TaskReminders.class);

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	static final int BATCH = 100;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final ObjectProvider<JavaMailSender> mailSender;

	private final TransactionTemplate tx;

	private final Clock clock;

	TaskReminders(JdbcClient jdbc, ApplicationEventPublisher events, ObjectProvider<JavaMailSender> mailSender,
			TransactionTemplate tx, Clock clock) {
		this.jdbc = jdbc;
		this.events = events;
		this.mailSender = mailSender;
		this.tx = tx;
		this.clock = clock;
	}

	private record Due(long taskId, long assigneeId, String title, Instant dueAt, String email, String fullName) {
	}

	/** Fires one batch of due reminders; returns how many this call fired. */
	public int fireDue() {
		List<Due> due = tx.execute(s -> claimAndAnnounce());
		JavaMailSender sender = mailSender.getIfAvailable();
		if (sender != null) {
			for (Due d : due) {
				if (d.email() != null && !d.email().isBlank()) {
					send(sender, d);
				}
			}
		}
		return due.size();
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
				returning t.id, t.assignee_id, t.title, t.due_at, u.email, u.full_name
				""")
			.param("now", Timestamp.from(now))
			.param("batch", BATCH)
			.query((rs, n) -> new Due(rs.getLong("id"), rs.getLong("assignee_id"), rs.getString("title"),
					Rows.instantOrNull(rs, "due_at"), rs.getString("email"), rs.getString("full_name")))
			.list();
		for (Due d : due) {
			events.publishEvent(new TaskReminderDue(d.taskId(), d.assigneeId(), d.title(), d.dueAt()));
		}
		return due;
	}

	private void send(JavaMailSender sender, Due d) {
		try {
			MimeMessage message = sender.createMimeMessage();
			MimeMessageHelper helper = new MimeMessageHelper(message, "UTF-8");
			helper.setTo(d.email());
			helper.setSubject("Reminder: " + d.title());
			helper.setText("Hello " + d.fullName() + ",\n\nthis is a reminder of your task \"" + d.title() + "\", due "
					+ WHEN.format(d.dueAt()) + ".\n");
			MailKind.SYSTEM.stamp(message);
			sender.send(message);
		}
		catch (Exception ex) {
			// The reminder still counts as fired: the event and the task list show it.
			log.warn("Could not e-mail the reminder of task " + d.taskId() + " to " + d.email(), ex);
		}
	}

}
