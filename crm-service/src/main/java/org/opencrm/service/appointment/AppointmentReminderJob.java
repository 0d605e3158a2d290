package org.opencrm.service.appointment;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Polls for due reminders on every node; the claim in {@link AppointmentReminders} keeps
 * it to one.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "crm.scheduling.enabled", havingValue = "true", matchIfMissing = true)
class AppointmentReminderJob {

	private final AppointmentReminders reminders;

	AppointmentReminderJob(AppointmentReminders reminders) {
		this.reminders = reminders;
	}

	@Scheduled(initialDelayString = "${crm.service.appointments.reminder-poll:PT1M}",
			fixedDelayString = "${crm.service.appointments.reminder-poll:PT1M}")
	void run() {
		reminders.createDue();
	}

}
