package org.opencrm.core.workflow;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.opencrm.core.account.AccountService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Accounts as workflow rules see them (record type {@code account}): the fields carry the
 * names of the account's field history, so a change event's fields and a rule's are the
 * same; every change goes through {@link AccountService} (version, field history, the
 * stage's event). Idle: nothing on the account's timeline (its own or its people's
 * interactions) for the rule's days — since it was created, when there is nothing.
 */
@Component
class AccountWorkflow implements WorkflowRecordType {

	static final String TYPE = "account";

	private final JdbcClient jdbc;

	private final AccountService accounts;

	AccountWorkflow(JdbcClient jdbc, AccountService accounts) {
		this.jdbc = jdbc;
		this.accounts = accounts;
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
		return List.of(WorkflowField.of("name", FieldType.TEXT, true),
				WorkflowField.of("industry", FieldType.TEXT, true), CoreRecordFields.lifecycleStage(),
				WorkflowField.of("city", FieldType.TEXT, false), WorkflowField.of("country", FieldType.TEXT, true),
				WorkflowField.of("email", FieldType.TEXT, false), WorkflowField.of("ownerId", FieldType.USER, false),
				WorkflowField.of("tags", FieldType.TEXT, false));
	}

	@Override
	public Optional<WorkflowRecord> load(long id) {
		return jdbc.sql("""
				select id, name, industry, lifecycle_stage, city, country, email, owner_id, tags
				from accounts where id = ?
				""").param(id).query((rs, n) -> {
			Long owner = (Long) rs.getObject("owner_id");
			Map<String, String> values = new HashMap<>();
			values.put("name", rs.getString("name"));
			values.put("industry", rs.getString("industry"));
			values.put("lifecycleStage", rs.getString("lifecycle_stage"));
			values.put("city", rs.getString("city"));
			values.put("country", rs.getString("country"));
			values.put("email", rs.getString("email"));
			values.put("ownerId", CoreRecordFields.text(owner));
			values.put("tags", CoreRecordFields.tags(rs.getArray("tags")));
			return new WorkflowRecord(TYPE, id, rs.getString("name"), owner, id, null, null, values);
		}).optional();
	}

	@Override
	public void setField(long id, String field, String value) {
		accounts.setFieldByRule(id, field, value);
	}

	@Override
	public boolean assignable() {
		return true;
	}

	@Override
	public void assign(long id, long userId) {
		accounts.assignByRule(id, userId);
	}

	@Override
	public boolean tagged() {
		return true;
	}

	@Override
	public void addTag(long id, String tag) {
		accounts.addTags(id, List.of(tag));
	}

	/**
	 * The latest interaction per account is one probe of {@code interactions_account_idx}
	 * (account, occurred_at desc); planned ones (a meeting ahead) don't count yet.
	 */
	@Override
	public Optional<String> idleSelect() {
		return Optional.of("""
				select id, since from (
				  select a.id, coalesce((select max(i.occurred_at) from interactions i
				                         where i.account_id = a.id and i.occurred_at <= :now), a.created_at) as since
				  from accounts a
				) idle where since < :moment
				""");
	}

}
