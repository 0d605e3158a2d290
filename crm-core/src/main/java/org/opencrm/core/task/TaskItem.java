package org.opencrm.core.task;

import java.time.Instant;

/** A task as lists show it. */
public record TaskItem(long id, String title, String description, Instant dueAt, TaskStatus status,
		Instant completedAt, long assigneeId, String assigneeName, Long accountId, String accountName, Long contactId,
		String contactName, String relatedRef, long version, String sortKey) {

	public boolean isOverdue(Instant now) {
		return status == TaskStatus.OPEN && dueAt.isBefore(now);
	}
}
