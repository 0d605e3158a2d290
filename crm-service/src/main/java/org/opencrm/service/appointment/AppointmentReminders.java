package org.opencrm.service.appointment;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.opencrm.core.shared.Rows;
import org.opencrm.core.task.CreateTask;
import org.opencrm.core.timeline.TimelineText;
import org.opencrm.core.task.TaskService;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reminder tasks for agents, {@code crm.service.appointments.reminder-hours} (default 24)
 * before an appointment. Each appointment is claimed in the database
 * ({@code for update skip locked}, then marked), so with several nodes polling, exactly
 * one creates its reminder, once.
 */
@Service
@EnableConfigurationProperties(AppointmentSettings.class)
class AppointmentReminders {

	private static final int BATCH = 200;

	private final JdbcClient jdbc;

	private final TaskService tasks;

	private final Clock clock;

	private final Duration ahead;

	AppointmentReminders(JdbcClient jdbc, TaskService tasks, Clock clock, AppointmentSettings settings) {
		this.jdbc = jdbc;
		this.tasks = tasks;
		this.clock = clock;
		this.ahead = Duration.ofHours(settings.reminderHours());
	}

	/** Creates the reminders now due; returns how many this call created. */
	@Transactional
	public int createDue() {
		Instant now = clock.instant();
		record Due(long id, String title, long agentId, Long accountId, Long contactId, Instant startsAt) {
		}
		List<Due> due = jdbc.sql("""
				update service_appointments p set reminder_sent_at = :now
				where p.id in (select id from service_appointments
				               where status = 'SCHEDULED' and reminder_sent_at is null
				                 and starts_at > :now and starts_at <= :horizon
				               order by starts_at limit :batch
				               for update skip locked)
				  and p.reminder_sent_at is null
				returning p.id, p.title, p.agent_id, p.account_id, p.contact_id, p.starts_at
				""")
			.param("now", Timestamp.from(now))
			.param("horizon", Timestamp.from(now.plus(ahead)))
			.param("batch", BATCH)
			.query((rs, n) -> new Due(rs.getLong("id"), rs.getString("title"), rs.getLong("agent_id"),
					Rows.longOrNull(rs, "account_id"), Rows.longOrNull(rs, "contact_id"),
					Rows.instantOrNull(rs, "starts_at")))
			.list();
		for (Due d : due) {
			tasks.create(CreateTask.generated(TimelineText.of("task.appointment", d.title()),
					TimelineText.of("task.appointment.description", d.startsAt()), d.startsAt(), d.agentId(),
					d.accountId(), d.contactId(), "appointment:" + d.id()));
		}
		return due.size();
	}

}
