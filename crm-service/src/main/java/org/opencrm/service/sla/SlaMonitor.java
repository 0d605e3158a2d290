package org.opencrm.service.sla;

import java.sql.Array;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.opencrm.core.health.HealthChanges;
import org.opencrm.core.notification.Notification;
import org.opencrm.core.notification.NotificationKind;
import org.opencrm.core.notification.Notifications;
import org.opencrm.core.workflow.RecordChanges;
import org.opencrm.core.shared.Rows;
import org.opencrm.core.task.CreateTask;
import org.opencrm.core.timeline.TimelineText;
import org.opencrm.core.task.TaskService;
import org.opencrm.service.queue.QueueService;
import org.opencrm.service.ticket.TicketPriority;
import org.opencrm.service.ticket.TicketActions;
import org.opencrm.service.ticket.TicketReplies;
import org.opencrm.service.ticket.TicketSlaTimers;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Watches SLA clocks: records warnings (at the policy's percentage of a target) and
 * breaches in {@code sla_events}, and escalates breaches as the policy says (a task for
 * the manager, a higher priority, the queue's next agent). Safe on several nodes: due
 * tickets are claimed with {@code for update skip locked}, and each event is recorded
 * once by its unique key, so its escalation runs once.
 */
@Service
public class SlaMonitor {

	static final int BATCH = 50;

	private final JdbcClient jdbc;

	private final TicketActions ticketActions;

	private final TicketReplies ticketReplies;

	private final QueueService queues;

	private final TaskService tasks;

	private final Clock clock;

	private final HealthChanges health;

	private final TicketSlaTimers timers;

	private final Notifications notifications;

	private final RecordChanges changes;

	SlaMonitor(JdbcClient jdbc, TicketActions ticketActions, TicketReplies ticketReplies, QueueService queues,
			TaskService tasks, Clock clock, HealthChanges health, TicketSlaTimers timers, Notifications notifications,
			RecordChanges changes) {
		this.jdbc = jdbc;
		this.changes = changes;
		this.notifications = notifications;
		this.ticketActions = ticketActions;
		this.ticketReplies = ticketReplies;
		this.queues = queues;
		this.tasks = tasks;
		this.clock = clock;
		this.health = health;
		this.timers = timers;
	}

	record DueTicket(long id, String number, String subject, String priority, Long assigneeId, Long queueId,
			Long accountId, Long contactId, Timestamp firstResponseWarnAt, Timestamp firstResponseDueAt,
			Timestamp firstRespondedAt, Timestamp resolutionWarnAt, Timestamp resolutionDueAt, Boolean notifyManager,
			Boolean raisePriority, Boolean reassign) {
	}

	/**
	 * Handles one batch of tickets whose next SLA check is due; returns how many events
	 * it recorded.
	 */
	@Transactional
	public int scan() {
		Instant now = clock.instant();
		List<DueTicket> due = jdbc.sql("""
				select t.id, t.number, t.subject, t.priority, t.assignee_id, t.queue_id, t.account_id, t.contact_id,
				       t.first_response_warn_at, t.first_response_due_at, t.first_responded_at,
				       t.resolution_warn_at, t.resolution_due_at,
				       p.escalate_notify_manager as notify_manager, p.escalate_raise_priority as raise_priority,
				       p.escalate_reassign as reassign
				from tickets t left join sla_policies p on p.id = t.sla_policy_id
				where t.sla_next_check_at <= ?
				order by t.sla_next_check_at, t.id
				limit ?
				for update of t skip locked
				""").params(Timestamp.from(now), BATCH).query(Rows.of(DueTicket.class)).list();
		int recorded = 0;
		for (DueTicket t : due) {
			recorded += handle(t, now);
		}
		if (!due.isEmpty()) {
			timers.checked(due.stream().map(DueTicket::id).toList(), now);
		}
		return recorded;
	}

	private int handle(DueTicket t, Instant now) {
		int recorded = 0;
		if (t.firstRespondedAt() == null) {
			recorded += fire(t, "FIRST_RESPONSE", "WARNING", t.firstResponseWarnAt(), now);
			recorded += fire(t, "FIRST_RESPONSE", "BREACH", t.firstResponseDueAt(), now);
		}
		recorded += fire(t, "RESOLUTION", "WARNING", t.resolutionWarnAt(), now);
		recorded += fire(t, "RESOLUTION", "BREACH", t.resolutionDueAt(), now);
		return recorded;
	}

	private int fire(DueTicket t, String metric, String kind, Timestamp at, Instant now) {
		if (at == null || at.toInstant().isAfter(now)) {
			return 0;
		}
		Long eventId = jdbc.sql("""
				insert into sla_events (ticket_id, metric, kind, due_at, occurred_at) values (?, ?, ?, ?, ?)
				on conflict (ticket_id, metric, kind) do nothing returning id
				""").params(t.id(), metric, kind, at, Timestamp.from(now)).query(Long.class).optional().orElse(null);
		if (eventId == null) {
			return 0;
		}
		if (t.assigneeId() != null) {
			// Recorded once per event (its unique key above), so its notice is sent once.
			notifications.notify(Notification
				.to(t.assigneeId(), NotificationKind.SLA,
						kind.equals("BREACH") ? "notification.sla.breached." + metric
								: "notification.sla.warning." + metric,
						t.number(), t.subject())
				.about("ticket", t.id()));
		}
		if (kind.equals("WARNING")) {
			// Workflow rules on "ticket SLA warning": once, as the notice (the unique key
			// above).
			changes.slaWarning("ticket", t.id(), metric);
		}
		if (kind.equals("BREACH")) {
			if (t.accountId() != null) {
				// A breach lands on no timeline: tell customer health directly.
				health.changed(t.accountId());
			}
			List<String> actions = escalate(t, metric, now);
			jdbc.sql("update sla_events set action_keys = cast(? as varchar[]) where id = ?")
				.params(actions.toArray(String[]::new), eventId)
				.update();
		}
		return 1;
	}

	/** Escalates a breach; returns the message keys of the actions taken. */
	private List<String> escalate(DueTicket t, String metric, Instant now) {
		// The event and the note on the ticket say it in the reader's language: one label
		// per action taken.
		List<TimelineText> labels = new ArrayList<>();
		if (Boolean.TRUE.equals(t.notifyManager())) {
			Long manager = managerFor(t.assigneeId());
			if (manager != null) {
				TimelineText target = TimelineText.label("task.sla.target." + metric);
				tasks.create(CreateTask.generated(TimelineText.of("task.sla.breached", target, t.number()),
						TimelineText.of("task.sla.breached.description", t.subject(), target),
						now.plus(Duration.ofHours(1)), manager, t.accountId(), t.contactId(), "ticket:" + t.id()));
				labels.add(TimelineText.label("ticket.note.sla.managerNotified"));
			}
		}
		if (Boolean.TRUE.equals(t.raisePriority())) {
			// Read afresh: an earlier breach of this ticket in the same run may have
			// raised it already.
			TicketPriority current = TicketPriority.valueOf(
					jdbc.sql("select priority from tickets where id = ?").param(t.id()).query(String.class).single());
			if (current != TicketPriority.URGENT) {
				ticketActions.changePriority(t.id(), current.raised(), null);
				labels.add(TimelineText.label("ticket.note.sla.priorityRaised." + current.raised()));
			}
		}
		if (Boolean.TRUE.equals(t.reassign()) && t.queueId() != null) {
			queues.nextAgent(t.queueId(), t.assigneeId()).ifPresent(next -> {
				ticketActions.assign(t.id(), next, null);
				labels.add(TimelineText.label("ticket.note.sla.reassigned"));
			});
		}
		List<Object> args = new ArrayList<>();
		args.add(TimelineText.label("task.sla.target." + metric));
		args.addAll(labels);
		ticketReplies.addSystemNote(t.id(),
				TimelineText.of("ticket.note.slaBreached." + labels.size(), args.toArray()));
		return labels.stream().map(TimelineText::key).toList();
	}

	/** A ticket's warnings and breaches, oldest first. */
	@Transactional(readOnly = true)
	public List<SlaEvent> eventsFor(long ticketId) {
		return jdbc.sql("""
				select metric, kind, due_at, occurred_at, action_keys from sla_events where ticket_id = ?
				order by occurred_at, id
				""").param(ticketId).query((rs, n) -> {
			Array keys = rs.getArray("action_keys");
			return new SlaEvent(rs.getString("metric"), rs.getString("kind"), Rows.instantOrNull(rs, "due_at"),
					Rows.instantOrNull(rs, "occurred_at"), keys == null ? null : List.of((String[]) keys.getArray()));
		}).list();
	}

	/** The manager of the assignee's team, else the first enabled manager. */
	private Long managerFor(Long assigneeId) {
		return jdbc.sql("""
				select m.id from users m
				where m.role = 'MANAGER' and m.enabled
				order by (m.team_id is not distinct from (select u.team_id from users u where u.id = ?)
				          and m.team_id is not null) desc, m.id
				limit 1
				""").param(assigneeId == null ? -1L : assigneeId).query(Long.class).optional().orElse(null);
	}

}
