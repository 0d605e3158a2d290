package org.opencrm.core.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * The SMTP boundary: one connection per batch, one message at a time, so a worker can
 * commit each message's state right before and right after the server accepts it (used by
 * {@link MailWorker}).
 */
public interface MailGateway {

	Session session();

	/** A connection to the server; throws when there is none or it can't be reached. */
	Connection open() throws MessagingException;

	interface Connection extends AutoCloseable {

		/**
		 * Returns once the server accepted the message; throws when it refused it
		 * ({@link SmtpReply#code(Throwable)} gives the reply code), when the line broke
		 * after the end of the message ({@link DeliveryInDoubtException}: it may have
		 * been accepted) or before it (anything else: the server has nothing).
		 */
		void send(MimeMessage message) throws MessagingException;

		@Override
		void close();

	}

	/**
	 * Talks SMTP to what {@code sender} is configured with (null: no server, every open
	 * fails).
	 */
	static MailGateway smtp(JavaMailSender sender) {
		return smtp(sender, new MailOutboxSettings(false, null, 1, 1, null, null, null));
	}

	/** As {@link #smtp(JavaMailSender)}, with the outbox's timeouts. */
	static MailGateway smtp(JavaMailSender sender, MailOutboxSettings settings) {
		return new SmtpGateway(() -> sender, settings.timeouts());
	}

	/** A mail session without server settings (building messages only). */
	static Session defaultSession() {
		return Session.getInstance(new Properties());
	}

}
