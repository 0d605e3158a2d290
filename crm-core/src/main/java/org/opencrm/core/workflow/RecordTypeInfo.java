package org.opencrm.core.workflow;

import java.util.List;
import java.util.Set;

/** What the rule editor offers for one record type. */
public record RecordTypeInfo(String type, Set<TriggerKind> triggers, List<WorkflowField> fields, boolean assignable) {
}
