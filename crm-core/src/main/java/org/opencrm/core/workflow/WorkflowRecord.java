package org.opencrm.core.workflow;

import java.util.Map;

/**
 * One record as rules see it: its field values (as text, by {@link WorkflowField#key()}),
 * who owns it and the customer it is about (for tasks, mails and notifications).
 *
 * @param type the record type ({@code deal}, {@code ticket})
 * @param id its id
 * @param label its name or number, for texts
 * @param ownerId who owns it (deal owner, ticket assignee), null for nobody
 * @param accountId the customer's account, if any
 * @param contactId the customer's contact, if any (template mails go there)
 * @param relatedRef what a task about it names ({@code opportunity:7})
 * @param values the fields' current values
 */
public record WorkflowRecord(String type, long id, String label, Long ownerId, Long accountId, Long contactId,
		String relatedRef, Map<String, String> values) {

	public WorkflowRecord {
		values = values == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.HashMap<>(values));
	}

}
