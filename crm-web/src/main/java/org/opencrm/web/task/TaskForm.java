package org.opencrm.web.task;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDateTime;
import org.opencrm.core.task.Reminder;
import org.springframework.format.annotation.DateTimeFormat;

/** Scheduling a follow-up from the tasks page or a customer's page. */
class TaskForm implements java.io.Serializable {

	@NotBlank
	@Size(max = 200)
	private String title;

	@Size(max = 5000)
	private String description;

	@NotNull
	@DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
	private LocalDateTime dueAt;

	@NotNull
	private Long assigneeId;

	/**
	 * When to remind the assignee; an unknown value is a conversion error on this field.
	 */
	@NotNull
	private Reminder reminder = Reminder.NONE;

	private Long accountId;

	private Long contactId;

	/** Where to go after saving; only local paths are honoured. */
	private String returnTo;

	static TaskForm of(LocalDateTime dueAt, Long assigneeId, Long accountId, Long contactId, String returnTo) {
		TaskForm form = new TaskForm();
		form.dueAt = dueAt;
		form.assigneeId = assigneeId;
		form.accountId = accountId;
		form.contactId = contactId;
		form.returnTo = returnTo;
		return form;
	}

	public String getTitle() {
		return title;
	}

	public void setTitle(String title) {
		this.title = title;
	}

	public String getDescription() {
		return description;
	}

	public void setDescription(String description) {
		this.description = description;
	}

	public LocalDateTime getDueAt() {
		return dueAt;
	}

	public void setDueAt(LocalDateTime dueAt) {
		this.dueAt = dueAt;
	}

	public Long getAssigneeId() {
		return assigneeId;
	}

	public void setAssigneeId(Long assigneeId) {
		this.assigneeId = assigneeId;
	}

	public Reminder getReminder() {
		return reminder;
	}

	public void setReminder(Reminder reminder) {
		this.reminder = reminder;
	}

	public Long getAccountId() {
		return accountId;
	}

	public void setAccountId(Long accountId) {
		this.accountId = accountId;
	}

	public Long getContactId() {
		return contactId;
	}

	public void setContactId(Long contactId) {
		this.contactId = contactId;
	}

	public String getReturnTo() {
		return returnTo;
	}

	public void setReturnTo(String returnTo) {
		this.returnTo = returnTo;
	}

}
