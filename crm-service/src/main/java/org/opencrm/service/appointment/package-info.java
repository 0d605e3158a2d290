/**
 * Appointments and their calendar.
 */
@org.springframework.modulith.NamedInterface("appointment")
package org.opencrm.service.appointment;
