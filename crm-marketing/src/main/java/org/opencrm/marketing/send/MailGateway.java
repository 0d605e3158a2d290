package org.opencrm.marketing.send;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * The SMTP boundary: one connection per batch, one message at a time, so the worker can
 * commit each message's state right before and right after the server accepts it.
 */
public interface MailGateway {

	Session session();

	Connection open() throws MessagingException;

	interface Connection extends AutoCloseable {

		/**
		 * Returns once the server accepted the message; throws when it refused it or the
		 * line broke.
		 */
		void send(MimeMessage message) throws MessagingException;

		@Override
		void close();

	}

}
