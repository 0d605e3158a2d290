package org.opencrm.core.workflow;

import java.time.Instant;

/** A rule on the list: what it is and how it last went. */
public record RuleRow(long id, String name, String recordType, TriggerKind trigger, boolean enabled, long version,
		long runs, Instant lastRunAt) {
}
