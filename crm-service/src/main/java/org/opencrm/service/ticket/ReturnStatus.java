package org.opencrm.service.ticket;

/** Progress of a product return (PRODUCT_RETURN tickets only). */
public enum ReturnStatus {

	REQUESTED, APPROVED, RECEIVED, REFUNDED, REJECTED

}
