package org.opencrm.core.task;

import java.time.Instant;
import org.opencrm.core.timeline.TimelineText;

/**
 * A follow-up to schedule: for an assignee, due at a time, about an account and/or
 * contact, or about another module's record named by {@code relatedRef} (e.g.
 * {@code opportunity:7}), with an optional reminder (null means none). A task a person
 * types has its text in {@code title}/{@code description}; one the application schedules
 * ({@link #generated}) has message keys instead, written in the assignee's language.
 */
public record CreateTask(String title, String description, Instant dueAt, long assigneeId, Long accountId,
		Long contactId, String relatedRef, Reminder reminder, TimelineText titleMessage,
		TimelineText descriptionMessage) {

	public CreateTask(String title, String description, Instant dueAt, long assigneeId, Long accountId, Long contactId,
			String relatedRef, Reminder reminder) {
		this(title, description, dueAt, assigneeId, accountId, contactId, relatedRef, reminder, null, null);
	}

	/** A follow-up without a reminder. */
	public CreateTask(String title, String description, Instant dueAt, long assigneeId, Long accountId, Long contactId,
			String relatedRef) {
		this(title, description, dueAt, assigneeId, accountId, contactId, relatedRef, Reminder.NONE);
	}

	/**
	 * A follow-up the application schedules: its title and description are message keys
	 * ({@link TimelineText#of}), never English composed in Java; the task keeps them in
	 * its assignee's language (a task is its assignee's to-do, and they may edit it).
	 */
	public static CreateTask generated(TimelineText title, TimelineText description, Instant dueAt, long assigneeId,
			Long accountId, Long contactId, String relatedRef) {
		if (title == null || !title.isMessage()) {
			throw new IllegalArgumentException("A scheduled task's title is a message key");
		}
		return new CreateTask(null, null, dueAt, assigneeId, accountId, contactId, relatedRef, Reminder.NONE, title,
				description);
	}

	Instant remindAt() {
		return reminder == null ? null : reminder.remindAt(dueAt);
	}
}
