package org.opencrm.sales.lead;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
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
 * Leads as workflow rules see them (record type {@code lead}): the fields carry the names
 * of the lead's field history ({@link Lead#snapshot}) and its status; every change goes
 * through {@link LeadService}. A lead has no tags and no contact until it is converted:
 * "add a tag" and "template e-mail" act on the contact it became, else they are skipped.
 * A task made by a rule is about the lead ({@code lead:7}). Idle: an open lead nobody
 * worked ({@code last_activity_at}: an activity logged, a status change, a capture again)
 * for the rule's days — since it came in, when nobody did.
 */
@Component
class LeadWorkflow implements WorkflowRecordType {

	private final JdbcClient jdbc;

	private final LeadService leads;

	LeadWorkflow(JdbcClient jdbc, LeadService leads) {
		this.jdbc = jdbc;
		this.leads = leads;
	}

	@Override
	public String type() {
		return LeadService.WORKFLOW_TYPE;
	}

	@Override
	public Set<TriggerKind> triggers() {
		return Set.of(TriggerKind.CREATED, TriggerKind.UPDATED, TriggerKind.FIELD_CHANGED, TriggerKind.IDLE);
	}

	@Override
	public List<WorkflowField> fields() {
		return List.of(WorkflowField.of("name", FieldType.TEXT, false),
				WorkflowField.of("email", FieldType.TEXT, false), WorkflowField.of("company", FieldType.TEXT, true),
				WorkflowField.of("title", FieldType.TEXT, true), WorkflowField.of("industry", FieldType.TEXT, true),
				WorkflowField.of("country", FieldType.TEXT, true),
				WorkflowField.of("companySize", FieldType.NUMBER, false),
				WorkflowField.of("source", FieldType.TEXT, true),
				new WorkflowField("status", FieldType.CHOICE, true,
						Arrays.stream(LeadStatus.values()).map(Enum::name).toList()),
				WorkflowField.of("score", FieldType.NUMBER, false), WorkflowField.of("owner", FieldType.USER, false));
	}

	@Override
	public Optional<WorkflowRecord> load(long id) {
		return jdbc.sql("""
				select id, first_name, last_name, email, company, title, industry, country, company_size, source,
				       status, score, owner_id, converted_account_id, converted_contact_id
				from leads where id = ?
				""").param(id).query((rs, n) -> {
			Long owner = (Long) rs.getObject("owner_id");
			String first = rs.getString("first_name");
			String name = first == null || first.isBlank() ? rs.getString("last_name")
					: first + " " + rs.getString("last_name");
			Map<String, String> values = new HashMap<>();
			values.put("name", name);
			values.put("email", rs.getString("email"));
			values.put("company", rs.getString("company"));
			values.put("title", rs.getString("title"));
			values.put("industry", rs.getString("industry"));
			values.put("country", rs.getString("country"));
			Integer size = (Integer) rs.getObject("company_size");
			values.put("companySize", size == null ? null : size.toString());
			values.put("source", rs.getString("source"));
			values.put("status", rs.getString("status"));
			values.put("score", Integer.toString(rs.getInt("score")));
			values.put("owner", owner == null ? null : owner.toString());
			return new WorkflowRecord(type(), id, name, owner, (Long) rs.getObject("converted_account_id"),
					(Long) rs.getObject("converted_contact_id"), "lead:" + id, values);
		}).optional();
	}

	@Override
	public void setField(long id, String field, String value) {
		leads.setFieldByRule(id, field, value);
	}

	@Override
	public boolean assignable() {
		return true;
	}

	@Override
	public void assign(long id, long userId) {
		leads.assignByRule(id, userId);
	}

	@Override
	public Optional<String> idleSelect() {
		return Optional.of("""
				select id, coalesce(last_activity_at, created_at) as since from leads
				where status in ('NEW', 'WORKING', 'QUALIFIED') and coalesce(last_activity_at, created_at) < :moment
				""");
	}

}
