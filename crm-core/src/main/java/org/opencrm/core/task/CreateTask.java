package org.opencrm.core.task;

import java.time.Instant;

/**
 * A follow-up to schedule: for an assignee, due at a time, about an account and/or
 * contact, or about another module's record named by {@code relatedRef} (e.g.
 * {@code opportunity:7}), with an optional reminder (null means none).
 */
public record CreateTask(String title, String description, Instant dueAt, long assigneeId, Long accountId,
		Long contactId, String relatedRef, Reminder reminder) {

	/** A follow-up without a reminder. */
	public CreateTask(String title, String description, Instant dueAt, long assigneeId, Long accountId, Long contactId,
			String relatedRef) {
		this(title, description, dueAt, assigneeId, accountId, contactId, relatedRef, Reminder.NONE);
	}

	Instant remindAt() {
		return reminder == null ? null : reminder.remindAt(dueAt);
	}
}
