package org.opencrm.service.appointment;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Appointment reminders ({@code crm.service.appointments.*}). How often they are looked
 * for is {@code crm.service.appointments.reminder-poll} (default PT1M), read by the
 * scheduler.
 *
 * @param reminderHours How many hours before an appointment its agent gets a reminder
 * task.
 */
@ConfigurationProperties("crm.service.appointments")
record AppointmentSettings(@DefaultValue("24") long reminderHours) {
}
