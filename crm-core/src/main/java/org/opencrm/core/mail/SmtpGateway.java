package org.opencrm.core.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.function.Supplier;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Talks SMTP to whatever {@code spring.mail.*} configures, reusing one connection per
 * batch. Without a configured server every {@link #open()} fails, so queued mail waits
 * (and is retried) instead of being lost.
 */
class SmtpGateway implements MailGateway {

	private static final Session NO_SERVER = MailGateway.defaultSession();

	private final Supplier<JavaMailSender> senders;

	SmtpGateway(Supplier<JavaMailSender> senders) {
		this.senders = senders;
	}

	private JavaMailSenderImpl sender() {
		return senders.get() instanceof JavaMailSenderImpl impl ? impl : null;
	}

	@Override
	public Session session() {
		JavaMailSenderImpl sender = sender();
		return sender == null ? NO_SERVER : sender.getSession();
	}

	@Override
	public Connection open() throws MessagingException {
		JavaMailSenderImpl sender = sender();
		if (sender == null) {
			throw new MessagingException("No mail server is configured (spring.mail.host)");
		}
		Transport transport = sender.getSession()
			.getTransport(sender.getProtocol() == null ? "smtp" : sender.getProtocol());
		transport.connect(sender.getHost(), sender.getPort(), sender.getUsername(), sender.getPassword());
		return new Connection() {
			@Override
			public void send(MimeMessage message) throws MessagingException {
				transport.sendMessage(message, message.getAllRecipients());
			}

			@Override
			public void close() {
				try {
					transport.close();
				}
				catch (MessagingException ex) {
					// The messages are sent or recorded as failed already; a failing QUIT
					// changes nothing.
				}
			}
		};
	}

}
