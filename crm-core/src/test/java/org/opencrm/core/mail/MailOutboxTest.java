package org.opencrm.core.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencrm.core.TestData.unique;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencrm.core.shared.MailKind;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.test.MailTexts;
import org.opencrm.test.MovableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one outbox: retries against a real SMTP server (GreenMail), templates, HTML to
 * text.
 */
@SpringBootTest
class MailOutboxTest {

	@Autowired
	Mails mails;

	@Autowired
	MailTemplates templates;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate tx;

	@Test
	void aMailToADeadSmtpServerIsRetriedLaterAndSentOnceTheServerIsBack() throws Exception {
		int port = freePort();
		JavaMailSenderImpl sender = new JavaMailSenderImpl();
		sender.setHost("127.0.0.1");
		sender.setPort(port);
		MovableClock clock = MovableClock.running(ZoneId.of("UTC"));
		MailOutboxSettings settings = new MailOutboxSettings(false, Duration.ofSeconds(5), 100, 5,
				Duration.ofMinutes(5), Duration.ofMinutes(1), Locale.ENGLISH);
		MailWorker worker = new MailWorker(jdbc, MailGateway.smtp(sender), clock, settings);
		String to = "retry-" + unique() + "@example.com";
		String messageId = tx.execute(s -> mails.enqueue(OutgoingMail.to(to, MailKind.SYSTEM, "test.retry")
			.withText("Still there?", "Sent once the server is back.")));

		// nobody listens on the port: the mail waits, with the error, without using up an
		// attempt (an outage is not the mail's fault), and sending pauses
		assertThat(worker.sendDue()).isZero();
		assertThat(state(messageId)).isEqualTo("PENDING 0 true");
		assertThat(worker.paused()).isTrue();

		GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		server.start();
		try {
			// the server is back, but the node's pause is not over yet
			worker.sendDue();
			assertThat(state(messageId)).isEqualTo("PENDING 0 true");
			assertThat(server.getReceivedMessages()).isEmpty();

			// once the backoff has passed, it goes out, once
			clock.advance(Duration.ofMinutes(2));
			worker.sendDue();
			clock.advance(Duration.ofHours(1));
			worker.sendDue();
			assertThat(state(messageId)).isEqualTo("SENT 1 false");
			List<MimeMessage> received = sentTo(server, to);
			assertThat(received).singleElement().satisfies(m -> {
				assertThat(m.getSubject()).isEqualTo("Still there?");
				assertThat(m.getMessageID()).isEqualTo(messageId);
				assertThat(MailKind.of(m)).isEqualTo(MailKind.SYSTEM);
				assertThat(MailTexts.text(m)).contains("Sent once the server is back.");
			});
		}
		finally {
			server.stop();
		}
	}

	@Test
	void aMailTheServerKeepsRefusingFailsAfterItsAttempts() {
		MailGateway refusing = gatewayThatAnswers(451);
		MovableClock clock = MovableClock.running(ZoneId.of("UTC"));
		MailWorker worker = new MailWorker(jdbc, refusing, clock, new MailOutboxSettings(false, Duration.ofSeconds(5),
				100, 2, Duration.ofMinutes(5), Duration.ofMinutes(1), Locale.ENGLISH));
		String messageId = tx.execute(
				s -> mails.enqueue(OutgoingMail.to("gone-" + unique() + "@example.com", MailKind.SYSTEM, "test.retry")
					.withText("Hello", "Nobody home.")));

		worker.sendDue();
		clock.advance(Duration.ofMinutes(2));
		worker.sendDue();

		assertThat(state(messageId)).isEqualTo("FAILED 2 true");
	}

	@Test
	void anOutageLongerThanTheRetryBudgetPausesSendingInsteadOfFailingTheMail() {
		JavaMailSenderImpl nowhere = new JavaMailSenderImpl();
		nowhere.setHost("127.0.0.1");
		nowhere.setPort(freePort());
		MovableClock clock = MovableClock.running(ZoneId.of("UTC"));
		MailWorker worker = new MailWorker(jdbc, MailGateway.smtp(nowhere), clock, new MailOutboxSettings(false,
				Duration.ofSeconds(5), 100, 2, Duration.ofMinutes(5), Duration.ofMinutes(1), Locale.ENGLISH));
		String messageId = tx.execute(
				s -> mails.enqueue(OutgoingMail.to("later-" + unique() + "@example.com", MailKind.SYSTEM, "test.retry")
					.withText("Hello", "Still waiting.")));

		for (int i = 0; i < 10; i++) { // five times the attempts allowed, over hours
			worker.sendDue();
			clock.advance(Duration.ofMinutes(30));
		}

		assertThat(state(messageId)).isEqualTo("PENDING 0 true");
	}

	@Test
	void aSystemMailComesFromItsTemplateInTheRecipientsLanguage() {
		Map<String, Object> task = Map.of("name", "Rhea", "title", "Call Acme", "dueAt",
				ZonedDateTime.of(2030, 3, 15, 10, 10, 0, 0, ZoneId.of("UTC")));

		RenderedMail english = templates.render("task-reminder", templates.locale(null), task);
		RenderedMail german = templates.render("task-reminder", templates.locale("de"), task);

		assertThat(english.subject()).isEqualTo("Reminder: Call Acme");
		assertThat(english.text())
			.isEqualTo("Hello Rhea,\n\nthis is a reminder of your task \"Call Acme\", due" + " 2030-03-15 10:10 UTC.");
		assertThat(german.subject()).isEqualTo("Erinnerung: Call Acme");
		assertThat(german.text()).startsWith("Hallo Rhea,")
			.contains("Aufgabe „Call Acme“, fällig am 15.03.2030 10:10 UTC");
		assertThat(german.html()).contains("<html lang=\"de\">").contains("<title>Erinnerung: Call Acme</title>");
	}

	@Test
	void templateVariablesAreEscapedInTheHtml() {
		RenderedMail mail = templates.render("portal-verify", null,
				Map.of("name", "<script>alert(1)</script>", "link", "https://crm.example.test/portal/verify?token=ab"));

		assertThat(mail.html()).doesNotContain("<script>").contains("&lt;script&gt;");
		assertThat(mail.text()).contains("https://crm.example.test/portal/verify?token=ab");
	}

	@Test
	void htmlBecomesReadableText() {
		String text = HtmlText.toText("""
				<html><body><h1>Spring offer</h1><p>Dear <b>Ann</b>,<br>our <a href="https://x.example/o">offer</a>:</p>
				<ul><li>one</li><li>two</li></ul><p><a href="https://x.example">https://x.example</a></p>
				<script>evil()</script></body></html>
				""");

		assertThat(text).isEqualTo("""
				Spring offer

				Dear Ann,
				our offer (https://x.example/o):

				- one
				- two
				https://x.example""");
		assertThat(HtmlText.clean("<p onclick=\"x()\">Hi<script>evil()</script></p>")).isEqualTo("<p>Hi</p>");
	}

	@Test
	void aRecipientThatIsNotOneAddressIsRefused() {
		for (String bad : new String[] { "not-an-address", "a@b.example, c@d.example", "" }) {
			assertThatThrownBy(() -> OutgoingMail.to(bad, MailKind.SALES, "test"))
				.isInstanceOf(RuleViolationException.class);
		}
	}

	private String state(String messageId) {
		return jdbc
			.sql("select status || ' ' || attempts || ' ' || (last_error is not null) from mail_outbox"
					+ " where message_id = ?")
			.param(messageId)
			.query(String.class)
			.single();
	}

	private static List<MimeMessage> sentTo(GreenMail server, String to) {
		return Arrays.stream(server.getReceivedMessages()).filter(m -> {
			try {
				return m.getRecipients(Message.RecipientType.TO)[0].toString().equalsIgnoreCase(to);
			}
			catch (jakarta.mail.MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}).toList();
	}

	/** A server that answers every message with {@code code}. */
	private static MailGateway gatewayThatAnswers(int code) {
		return new MailGateway() {
			@Override
			public jakarta.mail.Session session() {
				return MailGateway.defaultSession();
			}

			@Override
			public Connection open() {
				return new Connection() {
					@Override
					public void send(MimeMessage message) throws jakarta.mail.MessagingException {
						throw new org.eclipse.angus.mail.smtp.SMTPSendFailedException("DATA", code, code + " not now",
								null, null, null, null);
					}

					@Override
					public void close() {
					}
				};
			}
		};
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
