package org.opencrm.web.system;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.util.List;

/**
 * The in-process mail server started by {@link EmbeddedMail}; present only when it runs.
 */
public final class EmbeddedMailServer {

	private final GreenMail mail;

	EmbeddedMailServer(GreenMail mail) {
		this.mail = mail;
	}

	public int smtpPort() {
		return mail.getSmtp().getPort();
	}

	public int imapPort() {
		return mail.getImap().getPort();
	}

	/** Every message the server has accepted, oldest first (all mailboxes). */
	public List<MimeMessage> receivedMessages() {
		return List.of(mail.getReceivedMessages());
	}

	/** The underlying server, for tests that deliver or inspect mail directly. */
	public GreenMail greenMail() {
		return mail;
	}

}
