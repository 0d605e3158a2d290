package org.opencrm.core.workflow;

import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.opencrm.core.task.TaskService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Tasks as workflow rules see them (record type {@code task}; the owner is the assignee):
 * every change goes through {@link TaskService} (version, timeline when done). Overdue:
 * an open task past its due time by the rule's days, once per due time — moved, it may
 * fire again. A task made by a rule about a task is about the same customer and names the
 * task ({@link #FOLLOW_UP}); it never counts as overdue to rules, so a chain of
 * follow-ups ends at the first.
 */
@Component
class TaskWorkflow implements WorkflowRecordType {

	/**
	 * What a task a rule makes about a task names ({@code task:7}); such a follow-up is
	 * never overdue to rules, so "overdue: create a task" can't go on making tasks.
	 */
	static final String FOLLOW_UP = "task:";

	private final JdbcClient jdbc;

	private final TaskService tasks;

	TaskWorkflow(JdbcClient jdbc, TaskService tasks) {
		this.jdbc = jdbc;
		this.tasks = tasks;
	}

	@Override
	public String type() {
		return TaskService.WORKFLOW_TYPE;
	}

	@Override
	public Set<TriggerKind> triggers() {
		return Set.of(TriggerKind.CREATED, TriggerKind.UPDATED, TriggerKind.FIELD_CHANGED, TriggerKind.OVERDUE);
	}

	@Override
	public List<WorkflowField> fields() {
		return List.of(WorkflowField.of("title", FieldType.TEXT, true),
				new WorkflowField("status", FieldType.CHOICE, true, List.of("OPEN", "DONE")),
				WorkflowField.of("dueDate", FieldType.DATE, true), WorkflowField.of("assignee", FieldType.USER, false),
				WorkflowField.of("related", FieldType.TEXT, false));
	}

	@Override
	public Optional<WorkflowRecord> load(long id) {
		return jdbc.sql("""
				select id, title, status, due_at, assignee_id, account_id, contact_id, related_ref
				from tasks where id = ?
				""").param(id).query((rs, n) -> {
			long assignee = rs.getLong("assignee_id");
			Map<String, String> values = new HashMap<>();
			values.put("title", rs.getString("title"));
			values.put("status", rs.getString("status"));
			values.put("dueDate",
					rs.getTimestamp("due_at").toInstant().atOffset(ZoneOffset.UTC).toLocalDate().toString());
			values.put("assignee", Long.toString(assignee));
			values.put("related", rs.getString("related_ref"));
			return new WorkflowRecord(type(), id, rs.getString("title"), assignee, (Long) rs.getObject("account_id"),
					(Long) rs.getObject("contact_id"), FOLLOW_UP + id, values);
		}).optional();
	}

	@Override
	public void setField(long id, String field, String value) {
		tasks.setFieldByRule(id, field, value);
	}

	@Override
	public boolean assignable() {
		return true;
	}

	@Override
	public void assign(long id, long userId) {
		tasks.assignByRule(id, userId);
	}

	@Override
	public Optional<String> overdueSelect() {
		return Optional.of("""
				select id, due_at as since from tasks
				where status = 'OPEN' and due_at < :moment and (related_ref is null or related_ref not like 'task:%')
				""");
	}

}
