package org.opencrm.service.ticket;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.opencrm.core.workflow.FieldType;
import org.opencrm.core.workflow.TriggerKind;
import org.opencrm.core.workflow.WorkflowField;
import org.opencrm.core.workflow.WorkflowRecord;
import org.opencrm.core.workflow.WorkflowRecordType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Tickets as workflow rules see them (record type {@code ticket}): rules on a new ticket
 * and on an SLA warning ({@code SlaMonitor} reports it once per ticket and target); a
 * rule may raise or lower the priority (through {@link TicketActions}, which re-plans the
 * SLA and writes the field history), notify, create tasks, mail the requester and call
 * webhooks. The owner is the assignee.
 */
@Component
class TicketWorkflow implements WorkflowRecordType {

	static final String TYPE = "ticket";

	private final JdbcClient jdbc;

	private final TicketActions actions;

	TicketWorkflow(JdbcClient jdbc, TicketActions actions) {
		this.jdbc = jdbc;
		this.actions = actions;
	}

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public Set<TriggerKind> triggers() {
		return Set.of(TriggerKind.CREATED, TriggerKind.SLA_WARNING);
	}

	@Override
	public List<WorkflowField> fields() {
		return List.of(WorkflowField.of("subject", FieldType.TEXT, false),
				new WorkflowField("type", FieldType.CHOICE, false, names(TicketType.values())),
				new WorkflowField("priority", FieldType.CHOICE, true, names(TicketPriority.values())),
				new WorkflowField("status", FieldType.CHOICE, false, names(TicketStatus.values())),
				new WorkflowField("channel", FieldType.CHOICE, false, names(TicketChannel.values())),
				WorkflowField.of("assignee", FieldType.USER, false));
	}

	private static List<String> names(Enum<?>[] values) {
		return Arrays.stream(values).map(Enum::name).toList();
	}

	@Override
	public Optional<WorkflowRecord> load(long id) {
		return jdbc.sql("""
				select id, number, subject, type, priority, status, channel, assignee_id, account_id, contact_id
				from tickets where id = ?
				""").param(id).query((rs, n) -> {
			Map<String, String> values = new HashMap<>();
			values.put("subject", rs.getString("subject"));
			values.put("type", rs.getString("type"));
			values.put("priority", rs.getString("priority"));
			values.put("status", rs.getString("status"));
			values.put("channel", rs.getString("channel"));
			Long assignee = (Long) rs.getObject("assignee_id");
			values.put("assignee", assignee == null ? null : assignee.toString());
			return new WorkflowRecord(TYPE, id, rs.getString("number"), assignee, (Long) rs.getObject("account_id"),
					(Long) rs.getObject("contact_id"), "ticket:" + id, values);
		}).optional();
	}

	@Override
	public void setField(long id, String field, String value) {
		if (!"priority".equals(field)) {
			throw new IllegalArgumentException("Rules set only a ticket's priority, not " + field);
		}
		actions.changePriority(id, TicketPriority.valueOf(value.trim().toUpperCase(Locale.ROOT)), null);
	}

}
