package org.opencrm.core.event;

import java.time.Instant;

/**
 * A task's reminder time has come (raised once per reminder, by whichever node claimed
 * it).
 */
public record TaskReminderDue(long taskId, long assigneeId, String title, Instant dueAt) {
}
