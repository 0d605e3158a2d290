package org.opencrm.core.workflow;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.opencrm.core.contact.ContactService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * People as workflow rules see them (record type {@code contact}): the fields carry the
 * names of the contact's field history; every change goes through {@link ContactService}
 * (version, field history, the stage's event). A template e-mail goes to the person, a
 * task is about them. Idle: nothing on their timeline ({@code last_activity_at}, which
 * the timeline keeps) for the rule's days — since they were created, when there is
 * nothing.
 */
@Component
class ContactWorkflow implements WorkflowRecordType {

	static final String TYPE = "contact";

	private final JdbcClient jdbc;

	private final ContactService contacts;

	ContactWorkflow(JdbcClient jdbc, ContactService contacts) {
		this.jdbc = jdbc;
		this.contacts = contacts;
	}

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public Set<TriggerKind> triggers() {
		return Set.of(TriggerKind.CREATED, TriggerKind.UPDATED, TriggerKind.FIELD_CHANGED, TriggerKind.IDLE);
	}

	@Override
	public List<WorkflowField> fields() {
		return List.of(WorkflowField.of("firstName", FieldType.TEXT, false),
				WorkflowField.of("lastName", FieldType.TEXT, false), WorkflowField.of("title", FieldType.TEXT, true),
				WorkflowField.of("email", FieldType.TEXT, false), CoreRecordFields.lifecycleStage(),
				WorkflowField.of("city", FieldType.TEXT, false), WorkflowField.of("country", FieldType.TEXT, false),
				new WorkflowField("consentEmail", FieldType.CHOICE, false, List.of("true", "false")),
				WorkflowField.of("ownerId", FieldType.USER, false), WorkflowField.of("tags", FieldType.TEXT, false));
	}

	@Override
	public Optional<WorkflowRecord> load(long id) {
		return jdbc.sql("""
				select id, account_id, first_name, last_name, title, email, lifecycle_stage, city, country,
				       consent_email, owner_id, tags
				from contacts where id = ?
				""").param(id).query((rs, n) -> {
			Long owner = (Long) rs.getObject("owner_id");
			Map<String, String> values = new HashMap<>();
			values.put("firstName", rs.getString("first_name"));
			values.put("lastName", rs.getString("last_name"));
			values.put("title", rs.getString("title"));
			values.put("email", rs.getString("email"));
			values.put("lifecycleStage", rs.getString("lifecycle_stage"));
			values.put("city", rs.getString("city"));
			values.put("country", rs.getString("country"));
			values.put("consentEmail", Boolean.toString(rs.getBoolean("consent_email")));
			values.put("ownerId", CoreRecordFields.text(owner));
			values.put("tags", CoreRecordFields.tags(rs.getArray("tags")));
			String label = (rs.getString("first_name") + " " + rs.getString("last_name")).strip();
			return new WorkflowRecord(TYPE, id, label, owner, (Long) rs.getObject("account_id"), id, null, values);
		}).optional();
	}

	@Override
	public void setField(long id, String field, String value) {
		contacts.setFieldByRule(id, field, value);
	}

	@Override
	public boolean assignable() {
		return true;
	}

	@Override
	public void assign(long id, long userId) {
		contacts.assignByRule(id, userId);
	}

	@Override
	public boolean tagged() {
		return true;
	}

	@Override
	public void addTag(long id, String tag) {
		contacts.addTags(id, List.of(tag));
	}

	@Override
	public Optional<String> idleSelect() {
		return Optional.of("""
				select id, coalesce(last_activity_at, created_at) as since from contacts
				where coalesce(last_activity_at, created_at) < :moment
				""");
	}

}
