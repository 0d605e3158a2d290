package org.opencrm.core.workflow;

import java.util.List;
import java.util.Map;

/**
 * A record was created, changed or reached an SLA warning; workflow rules listen to it
 * after the change committed. Published through {@link RecordChanges} only, so it carries
 * the rule chain that made the change (empty for a person's).
 *
 * @param eventId unique per change: a rule acts once per event, however often it is
 * delivered
 * @param recordType {@code deal}, {@code ticket}
 * @param recordId the record
 * @param kind {@link TriggerKind#CREATED}, {@link TriggerKind#UPDATED} or
 * {@link TriggerKind#SLA_WARNING}
 * @param changes the changed fields (for UPDATED)
 * @param chain the rules (ids) whose actions led to this change, oldest first
 */
public record RecordChanged(String eventId, String recordType, long recordId, TriggerKind kind,
		Map<String, FieldChange> changes, List<Long> chain) {

	public RecordChanged {
		changes = changes == null ? Map.of() : Map.copyOf(changes);
		chain = chain == null ? List.of() : List.copyOf(chain);
	}

}
