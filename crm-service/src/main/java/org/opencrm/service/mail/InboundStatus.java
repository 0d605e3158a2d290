package org.opencrm.service.mail;

/** Where a stored inbound e-mail stands. */
public enum InboundStatus {

	RECEIVED, PROCESSED, FAILED, IGNORED

}
