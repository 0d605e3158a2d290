package org.opencrm.core.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.opencrm.core.port.DataSubject;
import org.opencrm.core.shared.Actor;
import org.opencrm.core.shared.Rows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Field history for any record: services hand over a snapshot before and after a change,
 * and the trail stores one row per field that differs, in the same transaction as the
 * change.
 */
@Service
public class AuditTrail {

	private final JdbcClient jdbc;

	AuditTrail(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void created(String entityType, long entityId) {
		insert(entityType, entityId, "CREATE", null, null, null);
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void deleted(String entityType, long entityId) {
		insert(entityType, entityId, "DELETE", null, null, null);
	}

	/**
	 * Records each field whose value differs between the two snapshots; returns how many
	 * did.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public int changed(String entityType, long entityId, Map<String, String> before, Map<String, String> after) {
		List<String> fields = new ArrayList<>();
		for (String field : after.keySet()) {
			if (!Objects.equals(before.get(field), after.get(field))) {
				fields.add(field);
			}
		}
		for (String field : fields) {
			insert(entityType, entityId, "UPDATE", field, before.get(field), after.get(field));
		}
		return fields.size();
	}

	/**
	 * Records an action on a record without any value (a privacy export or erasure): who,
	 * when, what.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void recorded(String entityType, long entityId, String action) {
		insert(entityType, entityId, action, null, null, null);
	}

	/**
	 * Records a merge on the survivor: {@code field} {@code mergedFrom} with the merged
	 * ids as the value, or a field whose value was taken from another record
	 * ({@code from}, e.g. {@code #15}).
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void merged(String entityType, long survivorId, String field, String from, String value) {
		insert(entityType, survivorId, "MERGE", field, from, value);
	}

	/**
	 * Records the same change of one field on many records at once (the contacts a merge
	 * moved to the surviving company), in one statement.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void changedAll(String entityType, List<Long> entityIds, String field, String oldValue, String newValue) {
		if (entityIds.isEmpty()) {
			return;
		}
		jdbc.sql("""
				insert into audit_log (entity_type, entity_id, action, field, old_value, new_value, changed_by)
				select :type, id, 'UPDATE', :field, :old, :new, :by from unnest(:ids) as id
				""")
			.param("type", entityType)
			.param("ids", entityIds.toArray(Long[]::new))
			.param("field", field)
			.param("old", oldValue)
			.param("new", newValue)
			.param("by", Actor.currentIdOrNull())
			.update();
	}

	/**
	 * Part of erasing a person: the values of one record's field history (the person's
	 * lead, say) are blanked; who changed which field when stays.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void forgetRecord(String entityType, long entityId) {
		jdbc.sql("""
				update audit_log set old_value = null, new_value = null
				where entity_type = ? and entity_id = ? and (old_value is not null or new_value is not null)
				""").params(entityType, entityId).update();
	}

	/**
	 * Part of erasing a person, last: the values of the contact's own field history, and
	 * every value elsewhere that mentions them (their address, full name, phone numbers:
	 * {@link DataSubject#mentions()}), are blanked. The rows stay: who changed which
	 * field when is no one's personal data. A module blanks its own records' history of
	 * the person first ({@link #forgetRecord}).
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void forget(DataSubject person) {
		if (person.contactId() != null) {
			forgetRecord("contact", person.contactId());
		}
		String[] mentions = person.mentions().toArray(String[]::new);
		jdbc.sql("""
				update audit_log
				set old_value = case when old_value ilike any(:mentions) then null else old_value end,
				    new_value = case when new_value ilike any(:mentions) then null else new_value end
				where old_value ilike any(:mentions) or new_value ilike any(:mentions)
				""").param("mentions", mentions).update();
	}

	/** Fields whose values are user ids (owners, assignees), shown by the user's name. */
	public static final List<String> USER_FIELDS = List.of("owner", "ownerId", "assigneeId", "agentId");

	/** Fields whose values are account ids. */
	public static final List<String> ACCOUNT_FIELDS = List.of("accountId", "partnerAccountId");

	/** Fields whose values are contact ids. */
	public static final List<String> CONTACT_FIELDS = List.of("primaryContactId", "contactId");

	/**
	 * The newest {@code limit} lines, reference fields' ids named in the same statement.
	 */
	@Transactional(readOnly = true)
	public List<AuditEntry> history(String entityType, long entityId, int limit) {
		return jdbc.sql("""
				select a.id, a.action, a.field, a.old_value, a.new_value, a.changed_at,
				       coalesce(u.full_name, 'system') as changed_by_name,
				       %s as old_name, %s as new_name
				from audit_log a left join users u on u.id = a.changed_by
				where a.entity_type = :type and a.entity_id = :id
				order by a.changed_at desc, a.id desc
				limit :limit
				""".formatted(nameOf("a.old_value"), nameOf("a.new_value")))
			.param("type", entityType)
			.param("id", entityId)
			.param("limit", limit)
			.param("userFields", USER_FIELDS)
			.param("accountFields", ACCOUNT_FIELDS)
			.param("contactFields", CONTACT_FIELDS)
			.query(Rows.of(AuditEntry.class))
			.list();
	}

	/**
	 * The name a reference field's value (an id as text) points at; a primary-key probe.
	 */
	private static String nameOf(String value) {
		String id = "(case when " + value + " ~ '^[0-9]{1,18}$' then " + value + "::bigint end)";
		return "case when a.field in (:userFields) then (select x.full_name from users x where x.id = " + id + ")"
				+ " when a.field in (:accountFields) then (select x.name from accounts x where x.id = " + id + ")"
				+ " when a.field in (:contactFields) then (select concat_ws(' ', x.first_name, x.last_name) from contacts x"
				+ " where x.id = " + id + ")"
				+ " when a.field = 'teamId' then (select x.name from teams x where x.id = " + id + ") end";
	}

	private void insert(String entityType, long entityId, String action, String field, String oldValue,
			String newValue) {
		jdbc.sql("""
				insert into audit_log (entity_type, entity_id, action, field, old_value, new_value, changed_by)
				values (?, ?, ?, ?, ?, ?, ?)
				""").params(entityType, entityId, action, field, oldValue, newValue, Actor.currentIdOrNull()).update();
	}

}
