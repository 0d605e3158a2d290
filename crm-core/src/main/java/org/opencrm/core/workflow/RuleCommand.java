package org.opencrm.core.workflow;

import java.util.List;

/**
 * A workflow rule as an admin saves it; {@code version} is the one edited (0 on create).
 * Checked as a whole by {@code WorkflowRules} before anything is written.
 */
public record RuleCommand(String name, String recordType, TriggerKind trigger, String triggerField, String triggerFrom,
		String triggerTo, Integer idleDays, List<ConditionSpec> conditions, List<ActionSpec> actions, boolean enabled,
		long version) {

	public RuleCommand {
		conditions = conditions == null ? List.of() : List.copyOf(conditions);
		actions = actions == null ? List.of() : List.copyOf(actions);
	}

}
