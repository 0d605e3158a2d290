package org.opencrm.core.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * Keeps the Message-ID chosen when the mail was queued (threads and bounces refer to it),
 * instead of the fresh one {@code saveChanges()} would make.
 */
public class FixedIdMimeMessage extends MimeMessage {

	private final String messageId;

	public FixedIdMimeMessage(Session session, String messageId) {
		super(session);
		this.messageId = messageId;
	}

	@Override
	protected void updateMessageID() throws MessagingException {
		setHeader("Message-ID", messageId);
	}

}
