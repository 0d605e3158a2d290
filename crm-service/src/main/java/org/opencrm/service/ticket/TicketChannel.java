package org.opencrm.service.ticket;

/** How a ticket reached us. */
public enum TicketChannel {

	EMAIL, PORTAL, PHONE, WEB_FORM

}
