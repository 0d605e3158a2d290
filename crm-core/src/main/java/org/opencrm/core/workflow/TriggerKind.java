package org.opencrm.core.workflow;

/**
 * What sets a workflow rule off. {@link #CREATED}, {@link #UPDATED},
 * {@link #FIELD_CHANGED} and {@link #SLA_WARNING} come from a {@link RecordChanged} event
 * after the change committed; {@link #IDLE} from the scheduler, for records nothing
 * happened to for the rule's number of days.
 */
public enum TriggerKind {

	CREATED, UPDATED, FIELD_CHANGED, IDLE, SLA_WARNING;

	/** The event kind that can set off a rule with this trigger. */
	TriggerKind eventKind() {
		return this == FIELD_CHANGED ? UPDATED : this;
	}

}
