package org.opencrm.core.task;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Fires due task reminders every {@code crm.tasks.reminders.poll} (default a minute) on
 * every node; they share the work through row locks.
 * {@code crm.tasks.reminders.enabled=false} switches it off (tests drive
 * {@link TaskReminders} directly).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "crm.tasks.reminders.enabled", havingValue = "true", matchIfMissing = true)
class TaskReminderScheduling {

	private final TaskReminders reminders;

	TaskReminderScheduling(TaskReminders reminders) {
		this.reminders = reminders;
	}

	@Scheduled(initialDelayString = "${crm.tasks.reminders.poll:PT1M}",
			fixedDelayString = "${crm.tasks.reminders.poll:PT1M}")
	void fire() {
		// Work through a backlog in batches, then wait for the next tick.
		while (reminders.fireDue() == TaskReminders.BATCH) {
			Thread.onSpinWait();
		}
	}

}
