package org.opencrm.marketing.send;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Talks SMTP to whatever {@code spring.mail.*} configures, reusing one connection per
 * batch.
 */
@Component
class SmtpGateway implements MailGateway {

	private final JavaMailSenderImpl sender;

	SmtpGateway(JavaMailSender sender) {
		this.sender = (JavaMailSenderImpl) sender;
	}

	@Override
	public Session session() {
		return sender.getSession();
	}

	@Override
	public Connection open() throws MessagingException {
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
