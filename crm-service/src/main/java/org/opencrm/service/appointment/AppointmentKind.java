package org.opencrm.service.appointment;

/** What the visit is for. */
public enum AppointmentKind {

	MAINTENANCE, REPAIR, ONSITE_SUPPORT

}
