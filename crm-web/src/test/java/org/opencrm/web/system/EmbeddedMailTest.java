package org.opencrm.web.system;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

@WebIntegrationTest
class EmbeddedMailTest {

	@Autowired
	JavaMailSender mailSender;

	@Autowired
	EmbeddedMailServer server;

	@Value("${crm.mail.inbound.host}")
	String imapHost;

	@Value("${crm.mail.inbound.port}")
	int imapPort;

	@Value("${crm.mail.inbound.username}")
	String mailbox;

	@Value("${crm.mail.inbound.password}")
	String password;

	@Test
	void mailSentOverSmtpArrivesInTheEmbeddedServerAndItsImapMailbox() throws Exception {
		SimpleMailMessage message = new SimpleMailMessage();
		message.setFrom("customer@example.com");
		message.setTo(mailbox);
		message.setSubject("Printer on fire");
		message.setText("Please help.");
		int before = server.receivedMessages().size();

		mailSender.send(message);

		assertThat(server.receivedMessages()).hasSize(before + 1);
		Store store = Session.getInstance(new Properties()).getStore("imap");
		store.connect(imapHost, imapPort, mailbox, password);
		try {
			Folder inbox = store.getFolder("INBOX");
			inbox.open(Folder.READ_ONLY);
			assertThat(inbox.getMessages()).extracting(m -> m.getSubject()).contains("Printer on fire");
			inbox.close(false);
		}
		finally {
			store.close();
		}
	}

}
