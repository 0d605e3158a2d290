package org.opencrm.core.workflow;

import java.time.Instant;

/**
 * One run of a rule: on which record, how it ended ({@code DONE}, {@code FAILED},
 * {@code STOPPED_LOOP}), at which depth of a chain of rules, and what it did (the actions
 * done, or the error).
 */
public record RunRow(long id, long ruleId, String ruleName, String recordType, long recordId, String status, int depth,
		String detail, Instant createdAt) {
}
