package org.opencrm.core.workflow;

/**
 * What sets a workflow rule off. {@link #CREATED}, {@link #UPDATED},
 * {@link #FIELD_CHANGED} and {@link #SLA_WARNING} come from a {@link RecordChanged} event
 * after the change committed; {@link #IDLE} from the scheduler, for records nothing
 * happened to for the rule's number of days, and {@link #OVERDUE} likewise, for records
 * (tasks) past their due time by the rule's days (none: as soon as they are due).
 */
public enum TriggerKind {

	CREATED, UPDATED, FIELD_CHANGED, IDLE, OVERDUE, SLA_WARNING;

	/** The event kind that can set off a rule with this trigger. */
	TriggerKind eventKind() {
		return this == FIELD_CHANGED ? UPDATED : this;
	}

	/** Whether the scheduler, not a change, sets the rule off. */
	public boolean scheduled() {
		return this == IDLE || this == OVERDUE;
	}

}
