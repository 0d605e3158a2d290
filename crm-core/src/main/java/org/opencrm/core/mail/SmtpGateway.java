package org.opencrm.core.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Talks SMTP to whatever {@code spring.mail.*} configures, reusing one connection per
 * batch, with the outbox's connect, read and write timeouts. Without a configured server
 * every {@link #open()} fails, so queued mail waits (and is retried) instead of being
 * lost.
 *
 * <p>
 * A failure without an SMTP reply is in doubt only once the end of the message (the final
 * ".") has been written: before that the server has nothing to deliver, so such a failure
 * is an outage and the mail goes again ({@link DeliveryInDoubtException} marks the other
 * case).
 */
class SmtpGateway implements MailGateway {

	private static final Session NO_SERVER = MailGateway.defaultSession();

	private final Supplier<JavaMailSender> senders;

	private final Map<String, String> timeouts;

	/**
	 * The session of the sender last seen, with the timeouts: built once, not per mail.
	 */
	private volatile SessionOf cached;

	private record SessionOf(JavaMailSenderImpl sender, Session session) {
	}

	SmtpGateway(Supplier<JavaMailSender> senders, Map<String, String> timeouts) {
		this.senders = senders;
		this.timeouts = timeouts;
	}

	private JavaMailSenderImpl sender() {
		return senders.get() instanceof JavaMailSenderImpl impl ? impl : null;
	}

	@Override
	public Session session() {
		JavaMailSenderImpl sender = sender();
		return sender == null ? NO_SERVER : sessionOf(sender);
	}

	private Session sessionOf(JavaMailSenderImpl sender) {
		SessionOf current = cached;
		if (current == null || current.sender() != sender) {
			Properties props = new Properties();
			props.putAll(sender.getJavaMailProperties());
			for (String protocol : new String[] { "smtp", "smtps" }) {
				timeouts.forEach((key, value) -> props.putIfAbsent("mail." + protocol + "." + key, value));
			}
			current = new SessionOf(sender, Session.getInstance(props));
			cached = current;
		}
		return current.session();
	}

	@Override
	public Connection open() throws MessagingException {
		JavaMailSenderImpl sender = sender();
		if (sender == null) {
			throw new MessagingException("No mail server is configured (spring.mail.host)");
		}
		String protocol = sender.getProtocol() == null ? "smtp" : sender.getProtocol();
		EndAwareTransport transport = new EndAwareTransport(sessionOf(sender), protocol);
		transport.connect(sender.getHost(), sender.getPort(), sender.getUsername(), sender.getPassword());
		return new Connection() {
			@Override
			public void send(MimeMessage message) throws MessagingException {
				transport.dataEnded = false;
				try {
					transport.sendMessage(message, message.getAllRecipients());
				}
				catch (MessagingException ex) {
					if (transport.dataEnded && SmtpReply.code(ex) == null) {
						throw new DeliveryInDoubtException(ex);
					}
					throw ex;
				}
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

	/** Angus Mail's SMTP transport, noting when the end of a message goes out. */
	static final class EndAwareTransport extends SMTPTransport {

		volatile boolean dataEnded;

		EndAwareTransport(Session session, String protocol) {
			super(session, new URLName(protocol, null, -1, null, null, null), protocol, "smtps".equals(protocol));
		}

		@Override
		protected void finishData() throws IOException, MessagingException {
			dataEnded = true;
			super.finishData();
		}

		@Override
		protected void finishBdat() throws IOException, MessagingException {
			dataEnded = true;
			super.finishBdat();
		}

	}

}
