package org.opencrm.core.task;

/** A user's open tasks at a glance. */
public record TaskCounts(long overdue, long dueToday, long open) {
}
