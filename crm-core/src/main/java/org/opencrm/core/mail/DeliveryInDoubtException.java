package org.opencrm.core.mail;

import jakarta.mail.MessagingException;

/**
 * The line broke after the whole message, its final ".", was written and before the
 * server answered: it may have been accepted, so it is never resent automatically.
 */
public class DeliveryInDoubtException extends MessagingException {

	public DeliveryInDoubtException(MessagingException cause) {
		super(cause.getMessage(), cause);
	}

}
