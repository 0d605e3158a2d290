package org.opencrm.core.task;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Locale;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.opencrm.core.access.AccountAccess;
import org.opencrm.core.event.CoreRecordChanged;
import org.opencrm.core.shared.Keyset;
import org.opencrm.core.shared.KeysetPage;
import org.opencrm.core.shared.KeysetSort;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.References;
import org.opencrm.core.shared.Rows;
import org.opencrm.core.shared.SqlWhere;
import org.opencrm.core.timeline.InteractionKind;
import org.opencrm.core.timeline.RecordInteraction;
import org.opencrm.core.timeline.TimelineText;
import org.opencrm.core.timeline.TimelineService;
import org.opencrm.core.shared.Actor;
import org.opencrm.core.notification.Notification;
import org.opencrm.core.notification.NotificationKind;
import org.opencrm.core.notification.Notifications;
import org.opencrm.core.user.Visibility;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Follow-ups: schedule, complete, reopen, and the lists of a user's and a record's tasks.
 */
@Service
public class TaskService {

	/** A task's record type in workflow rules (and notifications' links). */
	public static final String WORKFLOW_TYPE = "task";

	private static final String SELECT = """
			select t.id, t.title, t.title_key, t.title_args, t.description, t.description_key, t.description_args,
			       t.due_at, t.status, t.completed_at, t.assignee_id,
			       u.full_name as assignee_name, t.account_id, a.name as account_name, t.contact_id,
			       c.first_name || ' ' || c.last_name as contact_name, t.related_ref, t.remind_at, t.version, %s as sort_key
			from tasks t
			join users u on u.id = t.assignee_id
			left join accounts a on a.id = t.account_id
			left join contacts c on c.id = t.contact_id
			""";

	private final TaskRepository tasks;

	private final TimelineService timeline;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final AccountAccess access;

	private final MessageSource messages;

	private final TaskTexts texts;

	private final Notifications notifications;

	private final ApplicationEventPublisher events;

	TaskService(TaskRepository tasks, TimelineService timeline, JdbcClient jdbc, Clock clock, AccountAccess access,
			MessageSource messages, TaskTexts texts, Notifications notifications, ApplicationEventPublisher events) {
		this.events = events;
		this.notifications = notifications;
		this.messages = messages;
		this.texts = texts;
		this.tasks = tasks;
		this.timeline = timeline;
		this.jdbc = jdbc;
		this.clock = clock;
		this.access = access;
	}

	/**
	 * A user schedules a follow-up: about a customer they may see, else "not found" and
	 * nothing is made.
	 */
	@Transactional
	public long create(CreateTask cmd, Visibility visibility) {
		access.requireCustomer(cmd.accountId(), cmd.contactId(), visibility);
		return create(cmd);
	}

	/**
	 * Creates a task for a system flow (sales, service) that chose its customer itself.
	 */
	@Transactional
	public long create(CreateTask cmd) {
		// The assignee's language ('' when they have none: the bundle's default file).
		long assignee = cmd.assigneeId();
		String language = jdbc.sql("select coalesce(locale, '') from users where id = ? and enabled")
			.param(assignee)
			.query(String.class)
			.optional()
			.orElseThrow(() -> new NotFoundException("User", assignee));
		if (cmd.titleMessage() != null) {
			Locale locale = language.isBlank() ? Locale.ROOT : Locale.forLanguageTag(language);
			String title = cmd.titleMessage().render(messages, locale);
			// The text in the assignee's language (a reminder mail, the API, a search),
			// the
			// key for every other reader (TaskTexts).
			cmd = new CreateTask(title.length() > 200 ? title.substring(0, 200) : title,
					cmd.descriptionMessage() == null ? null : cmd.descriptionMessage().render(messages, locale),
					cmd.dueAt(), cmd.assigneeId(), cmd.accountId(), cmd.contactId(), cmd.relatedRef(), cmd.reminder(),
					cmd.titleMessage(), cmd.descriptionMessage());
		}
		Long accountId = cmd.accountId();
		if (cmd.contactId() != null) {
			Long contactAccount = References.accountOfContact(jdbc, cmd.contactId());
			accountId = accountId == null ? contactAccount : accountId;
		}
		else {
			References.requireAccount(jdbc, accountId);
		}
		long id = tasks.save(new Task(cmd, accountId, Actor.currentIdOrNull())).getId();
		notifications
			.notify(Notification.to(assignee, NotificationKind.ASSIGNMENT, "notification.assigned.task", cmd.title())
				.about("task", id));
		events.publishEvent(CoreRecordChanged.created(WORKFLOW_TYPE, id));
		return id;
	}

	/** Marks a task done; a follow-up about a customer also lands on their timeline. */
	@Transactional
	public void complete(long id) {
		Task task = tasks.findById(id).orElseThrow(() -> new NotFoundException("Task", id));
		var before = task.snapshot();
		Instant now = clock.instant();
		if (task.complete(now) && (task.getAccountId() != null || task.getContactId() != null)) {
			timeline.record(new RecordInteraction(InteractionKind.TASK, now, task.getAccountId(), task.getContactId(),
					TimelineText.of("timeline.task.done", task.titleArgument()), null, "core", "task:" + id));
		}
		changed(task, before);
	}

	@Transactional
	public void reopen(long id) {
		Task task = tasks.findById(id).orElseThrow(() -> new NotFoundException("Task", id));
		var before = task.snapshot();
		task.reopen();
		changed(task, before);
	}

	/**
	 * A workflow rule sets one field of a task: its title, its status (done completes it,
	 * open reopens it) or its due day (the time of day kept, the reminder moved along).
	 * The version moves as for a person's change.
	 */
	@Transactional
	public void setFieldByRule(long id, String field, String value) {
		switch (field) {
			case "status" -> {
				if (TaskStatus.DONE.name().equalsIgnoreCase(value.trim())) {
					complete(id);
				}
				else {
					reopen(id);
				}
			}
			case "dueDate" -> {
				Task task = tasks.findById(id).orElseThrow(() -> new NotFoundException("Task", id));
				var before = task.snapshot();
				java.time.OffsetDateTime due = task.getDueAt().atOffset(java.time.ZoneOffset.UTC);
				task.reschedule(due.with(java.time.LocalDate.parse(value.trim())).toInstant(), clock.instant());
				changed(task, before);
			}
			case "title" -> {
				Task task = tasks.findById(id).orElseThrow(() -> new NotFoundException("Task", id));
				var before = task.snapshot();
				task.retitle(value);
				changed(task, before);
			}
			default -> throw new org.opencrm.core.shared.RuleViolationException("workflow.field.notSettable",
					"A rule can't set the field \"{0}\".", field);
		}
	}

	/**
	 * A workflow rule gives the task to another enabled staff user, who is told.
	 */
	@Transactional
	public void assignByRule(long id, long userId) {
		Task task = tasks.findById(id).orElseThrow(() -> new NotFoundException("Task", id));
		if (task.getAssigneeId() == userId) {
			return;
		}
		if (jdbc.sql("select count(*) from users where id = ? and enabled and role <> 'CUSTOMER'")
			.param(userId)
			.query(Long.class)
			.single() == 0) {
			throw new NotFoundException("User", userId);
		}
		var before = task.snapshot();
		task.giveTo(userId);
		changed(task, before);
		notifications
			.notify(Notification.to(userId, NotificationKind.ASSIGNMENT, "notification.assigned.task", task.getTitle())
				.about("task", id));
	}

	/**
	 * After a change: workflow rules hear of it; flushed now so a concurrent change fails
	 * here as a version conflict.
	 */
	private void changed(Task task, java.util.Map<String, String> before) {
		tasks.flush();
		events.publishEvent(CoreRecordChanged.updated(WORKFLOW_TYPE, task.getId(), before, task.snapshot()));
	}

	/**
	 * Moves a task's due time; its reminder moves along (see {@link Task#reschedule}).
	 * @throws org.opencrm.core.shared.StaleEditException when someone changed it since
	 * {@code version}
	 */
	@Transactional
	public void reschedule(long id, Instant dueAt, long version) {
		Task task = tasks.findById(id).orElseThrow(() -> new NotFoundException("Task", id));
		task.checkVersion(version);
		var before = task.snapshot();
		task.reschedule(dueAt, clock.instant());
		changed(task, before);
	}

	/** Part of deleting a contact: its tasks go with it (one statement, however many). */
	@Transactional(propagation = Propagation.MANDATORY)
	public void deleteAboutContact(long contactId) {
		jdbc.sql("delete from tasks where contact_id = ?").param(contactId).update();
	}

	/**
	 * Part of deleting another module's record (an imported lead when its import is
	 * reverted): the tasks about it ({@code relatedRef}, e.g. {@code lead:42}) go with
	 * it, whoever scheduled them.
	 * @return how many went
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public int deleteAbout(String relatedRef) {
		return jdbc.sql("delete from tasks where related_ref = ?").param(relatedRef).update();
	}

	/** Part of deleting an account: its tasks go with it. */
	@Transactional(propagation = Propagation.MANDATORY)
	public void deleteAboutAccount(long accountId) {
		jdbc.sql("delete from tasks where account_id = ?").param(accountId).update();
	}

	/** A user's open tasks whose reminder time has come, earliest reminder first. */
	@Transactional(readOnly = true)
	public List<TaskItem> remindersDue(long userId, int limit) {
		SqlWhere where = new SqlWhere().and("t.assignee_id = :user", "user", userId)
			.and("t.status = 'OPEN'")
			.and("t.remind_at is not null")
			.and("t.remind_at <= :now", "now", Timestamp.from(clock.instant()));
		return page(where, KeysetSort.oldestFirst("t.remind_at"), null, limit).items();
	}

	/** The assignee of a task, so the web layer can check who may change it. */
	@Transactional(readOnly = true)
	public long assigneeOf(long id) {
		return tasks.findById(id).orElseThrow(() -> new NotFoundException("Task", id)).getAssigneeId();
	}

	/**
	 * A user's tasks: open ones by due time (overdue first), or done ones by when they
	 * were done, latest first.
	 */
	@Transactional(readOnly = true)
	public KeysetPage<TaskItem> forAssignee(long userId, TaskStatus status, String cursor, int pageSize) {
		SqlWhere where = new SqlWhere().and("t.assignee_id = :user", "user", userId)
			.and("t.status = :status", "status", status.name());
		// Rows done before completed_at was kept sort by their due time
		// (tasks_assignee_done_idx).
		KeysetSort sort = status == TaskStatus.OPEN ? KeysetSort.oldestFirst("t.due_at")
				: KeysetSort.newestFirst("coalesce(t.completed_at, t.due_at)");
		return page(where, sort, cursor, pageSize);
	}

	/**
	 * Open tasks about an account (including its contacts') or a contact, soonest first.
	 */
	@Transactional(readOnly = true)
	public List<TaskItem> openFor(Long accountId, Long contactId, int limit) {
		SqlWhere where = new SqlWhere().and("t.status = 'OPEN'");
		if (contactId != null) {
			where.and("t.contact_id = :contact", "contact", contactId);
		}
		else {
			where.and("t.account_id = :account", "account", accountId);
		}
		return page(where, KeysetSort.oldestFirst("t.due_at"), null, limit).items();
	}

	@Transactional(readOnly = true)
	public TaskCounts counts(long userId, ZoneId zone) {
		Instant now = clock.instant();
		Instant endOfDay = now.atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
		return jdbc.sql("""
				select count(*) filter (where due_at < :now) as overdue,
				       count(*) filter (where due_at >= :now and due_at < :eod) as due_today,
				       count(*) as open
				from tasks where assignee_id = :user and status = 'OPEN'
				""")
			.param("now", Timestamp.from(now))
			.param("eod", Timestamp.from(endOfDay))
			.param("user", userId)
			.query(Rows.of(TaskCounts.class))
			.single();
	}

	private KeysetPage<TaskItem> page(SqlWhere where, KeysetSort sort, String cursor, int pageSize) {
		Keyset.Cursor c = Keyset.decode(cursor);
		String orderBy = sort.orderBy(where, c, "t.id");
		String sql = SELECT.formatted(sort.keyExpression()) + where.sql() + orderBy + " limit :limit";
		RowMapper<TaskItem> item = Rows.of(TaskItem.class);
		List<TaskItem> rows = where.bind(jdbc.sql(sql))
			.param("limit", pageSize + 1)
			.query((rs, n) -> item.mapRow(rs, n).withTexts(texts.title(rs), texts.description(rs)))
			.list();
		return Keyset.page(rows, pageSize, c, TaskItem::sortKey, TaskItem::id, null);
	}

}
