package org.opencrm.core.task;

import java.time.Duration;
import java.time.Instant;

/** When to remind the assignee of a task, relative to its due time. */
public enum Reminder {

	NONE(null), AT_DUE_TIME(Duration.ZERO), MINUTES_15(Duration.ofMinutes(15)), HOUR_1(Duration.ofHours(1)),
	DAY_1(Duration.ofDays(1));

	private final Duration before;

	Reminder(Duration before) {
		this.before = before;
	}

	/** The instant to remind at for a task due at {@code dueAt}; null for no reminder. */
	public Instant remindAt(Instant dueAt) {
		return before == null ? null : dueAt.minus(before);
	}

}
