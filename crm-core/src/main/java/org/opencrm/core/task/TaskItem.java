package org.opencrm.core.task;

import java.time.Instant;

/** A task as lists show it; {@code remindAt} is null when it has no reminder. */
public record TaskItem(long id, String title, String description, Instant dueAt, TaskStatus status, Instant completedAt,
		long assigneeId, String assigneeName, Long accountId, String accountName, Long contactId, String contactName,
		String relatedRef, Instant remindAt, long version, String sortKey) {

	public boolean isOverdue(Instant now) {
		return status == TaskStatus.OPEN && dueAt.isBefore(now);
	}
}
