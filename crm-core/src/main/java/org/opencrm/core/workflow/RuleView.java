package org.opencrm.core.workflow;

import java.util.List;

/**
 * A rule as its edit page shows it; the webhook key masked ({@code whsec_ab…wxyz}).
 */
public record RuleView(long id, String name, String recordType, TriggerKind trigger, String triggerField,
		String triggerFrom, String triggerTo, Integer idleDays, List<ConditionSpec> conditions,
		List<ActionSpec> actions, boolean enabled, String webhookSecretMasked, long version) {
}
