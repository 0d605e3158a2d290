package org.opencrm.core.task;

import java.time.Instant;

/** A task as lists show it; {@code remindAt} is null when it has no reminder. */
public record TaskItem(long id, String title, String description, Instant dueAt, TaskStatus status, Instant completedAt,
		long assigneeId, String assigneeName, Long accountId, String accountName, Long contactId, String contactName,
		String relatedRef, Instant remindAt, long version, String sortKey) {

	/** The same task with its title and description as the reader sees them. */
	TaskItem withTexts(String title, String description) {
		return new TaskItem(id, title, description, dueAt, status, completedAt, assigneeId, assigneeName, accountId,
				accountName, contactId, contactName, relatedRef, remindAt, version, sortKey);
	}

	public boolean isOverdue(Instant now) {
		return status == TaskStatus.OPEN && dueAt.isBefore(now);
	}
}
