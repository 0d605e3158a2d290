package org.opencrm.service.ticket;

/**
 * What the customer wants; a PRODUCT_RETURN carries an order/product reference and a
 * return status.
 */
public enum TicketType {

	INFORMATION_REQUEST, SERVICE_REQUEST, COMPLAINT, PRODUCT_RETURN, INCIDENT

}
