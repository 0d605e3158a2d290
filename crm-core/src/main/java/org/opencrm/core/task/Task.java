package org.opencrm.core.task;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.opencrm.core.shared.BaseEntity;
import org.opencrm.core.timeline.TimelineText;

@Entity
@Table(name = "tasks")
class Task extends BaseEntity {

	private String title;

	private String description;

	/**
	 * A scheduled task's title as a message key (null for one a person typed): shown in
	 * each reader's language by {@link TaskTexts}; {@link #title} has it in the
	 * assignee's.
	 */
	private String titleKey;

	@JdbcTypeCode(SqlTypes.JSON)
	private String titleArgs;

	private String descriptionKey;

	@JdbcTypeCode(SqlTypes.JSON)
	private String descriptionArgs;

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
		TimelineText titleMessage = cmd.titleMessage();
		if (titleMessage != null && titleMessage.isMessage()) {
			this.titleKey = titleMessage.key();
			this.titleArgs = titleMessage.argsJson();
		}
		TimelineText descriptionMessage = cmd.descriptionMessage();
		if (descriptionMessage != null && descriptionMessage.isMessage()) {
			this.descriptionKey = descriptionMessage.key();
			this.descriptionArgs = descriptionMessage.argsJson();
		}
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

	/**
	 * The fields workflow rules see and compare, as text: the due day as UTC
	 * {@code yyyy-MM-dd}.
	 */
	java.util.Map<String, String> snapshot() {
		java.util.Map<String, String> s = new java.util.LinkedHashMap<>();
		s.put("title", title);
		s.put("status", status.name());
		s.put("dueDate", dueAt.atOffset(java.time.ZoneOffset.UTC).toLocalDate().toString());
		s.put("assignee", assigneeId == null ? null : assigneeId.toString());
		s.put("related", relatedRef);
		return s;
	}

	/**
	 * A workflow rule's new title (a person's text: the scheduled message, if any, goes).
	 * @throws org.opencrm.core.shared.RuleViolationException for a blank or too long one
	 */
	void retitle(String newTitle) {
		if (newTitle == null || newTitle.isBlank() || newTitle.trim().length() > 200) {
			throw new org.opencrm.core.shared.RuleViolationException("workflow.text.required",
					"Write the text (at most {0} characters).", 200);
		}
		this.title = newTitle.trim();
		this.titleKey = null;
		this.titleArgs = null;
	}

	/** Gives the task to another user (checked by the caller). */
	void giveTo(long userId) {
		this.assigneeId = userId;
	}

	java.time.Instant getDueAt() {
		return dueAt;
	}

	/**
	 * The title as a timeline argument: the message of a scheduled task (shown in each
	 * reader's language), else the words typed.
	 */
	Object titleArgument() {
		return titleKey != null ? TimelineText.stored(titleKey, titleArgs, title) : title;
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
