package org.opencrm.core.workflow;

import java.util.List;

/**
 * A field of a record type that rules may test and, when {@code settable}, set.
 *
 * @param key the field's name in rules and in {@link WorkflowRecord#values()}
 * @param type how its values are checked and compared
 * @param settable whether a "set field" action may change it (through the record's
 * service, so version, field history and timeline move as for a person's edit)
 * @param choices the allowed values of a {@link FieldType#CHOICE} field
 */
public record WorkflowField(String key, FieldType type, boolean settable, List<String> choices) {

	public WorkflowField {
		choices = choices == null ? List.of() : List.copyOf(choices);
	}

	public static WorkflowField of(String key, FieldType type, boolean settable) {
		return new WorkflowField(key, type, settable, List.of());
	}

}
