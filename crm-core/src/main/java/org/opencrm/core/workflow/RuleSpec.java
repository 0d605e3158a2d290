package org.opencrm.core.workflow;

import java.util.List;

/**
 * A rule as the engine reads it (SQL, not the entity): what it needs to decide and act.
 */
record RuleSpec(long id, String name, String recordType, TriggerKind trigger, String triggerField, String triggerFrom,
		String triggerTo, Integer idleDays, List<ConditionSpec> conditions, List<ActionSpec> actions,
		String webhookSecret) {

	/**
	 * Whether a change event sets this rule off (its trigger, and the field's from/to).
	 */
	boolean triggeredBy(RecordChanged event, FieldType fieldType) {
		if (trigger.eventKind() != event.kind()) {
			return false;
		}
		if (trigger != TriggerKind.FIELD_CHANGED) {
			return true;
		}
		FieldChange change = event.changes().get(triggerField);
		if (change == null) {
			return false;
		}
		return (triggerFrom == null || Operator.same(fieldType, change.from(), triggerFrom))
				&& (triggerTo == null || Operator.same(fieldType, change.to(), triggerTo));
	}

}
