package org.opencrm.core.task;

import java.time.Instant;

/**
 * A follow-up to schedule: for an assignee, due at a time, about an account and/or contact, or
 * about another module's record named by {@code relatedRef} (e.g. {@code opportunity:7}).
 */
public record CreateTask(String title, String description, Instant dueAt, long assigneeId, Long accountId,
		Long contactId, String relatedRef) {
}
