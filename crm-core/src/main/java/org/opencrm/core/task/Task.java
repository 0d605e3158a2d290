package org.opencrm.core.task;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import org.opencrm.core.shared.BaseEntity;

@Entity
@Table(name = "tasks")
class Task extends BaseEntity {

	private String title;

	private String description;

	private Instant dueAt;

	private Long assigneeId;

	private Long accountId;

	private Long contactId;

	private String relatedRef;

	@Enumerated(EnumType.STRING)
	private TaskStatus status = TaskStatus.OPEN;

	private Instant completedAt;

	private Long createdBy;

	/** When to remind the assignee; null for no reminder. */
	private Instant remindAt;

	/**
	 * When the reminder went out; a set stamp means it never fires again for this
	 * remindAt.
	 */
	private Instant remindedAt;

	protected Task() {
	}

	Task(CreateTask cmd, Long accountId, Long createdBy) {
		this.title = cmd.title().trim();
		this.description = cmd.description();
		this.dueAt = cmd.dueAt();
		this.assigneeId = cmd.assigneeId();
		this.accountId = accountId;
		this.contactId = cmd.contactId();
		this.relatedRef = cmd.relatedRef();
		this.createdBy = createdBy;
		this.remindAt = cmd.remindAt();
	}

	/**
	 * Moves the due time; a reminder keeps its distance to it and, when that lies ahead,
	 * fires again even if it already went out for the old time.
	 */
	void reschedule(Instant newDueAt, Instant now) {
		if (remindAt != null) {
			remindAt = newDueAt.minus(java.time.Duration.between(remindAt, dueAt));
			if (remindAt.isAfter(now)) {
				remindedAt = null;
			}
		}
		dueAt = newDueAt;
	}

	/** Marks the task done; returns false when it already was. */
	boolean complete(Instant at) {
		if (status == TaskStatus.DONE) {
			return false;
		}
		status = TaskStatus.DONE;
		completedAt = at;
		return true;
	}

	void reopen() {
		status = TaskStatus.OPEN;
		completedAt = null;
	}

	String getTitle() {
		return title;
	}

	Long getAccountId() {
		return accountId;
	}

	Long getContactId() {
		return contactId;
	}

	Long getAssigneeId() {
		return assigneeId;
	}

}
