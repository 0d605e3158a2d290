package org.opencrm.service.mail;

/**
 * A message that can't be turned into a ticket message (no sender, broken MIME); kept as
 * FAILED.
 */
class MalformedMailException extends Exception {

	MalformedMailException(String reason) {
		super(reason);
	}

}
