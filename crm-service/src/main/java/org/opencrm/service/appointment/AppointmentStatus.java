package org.opencrm.service.appointment;

/**
 * Only a scheduled appointment blocks the agent's time and can be completed, cancelled or
 * missed.
 */
public enum AppointmentStatus {

	SCHEDULED, DONE, CANCELLED, NO_SHOW

}
