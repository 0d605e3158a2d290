package org.opencrm.service.mail;

import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The support mailbox ({@code crm.mail.*}): where inbound mail is fetched
 * ({@code crm.mail.inbound.*}, set by the embedded mail server by default) and the
 * address the app's own mails go out from.
 *
 * @param from Sender address of the app's own mails to customers (satisfaction surveys,
 * customer e-mails written in the CRM). Blank: the support mailbox address
 * (crm.mail.inbound.address).
 * @param inbound The support mailbox inbound mail is fetched from.
 */
@ConfigurationProperties("crm.mail")
public record MailSettings(String from, @DefaultValue Inbound inbound) {

	/**
	 * @param protocol Mail store protocol to fetch with: imap or imaps.
	 * @param host Mail server host name. Blank: no inbound mail is fetched.
	 * @param port Mail server port (143 for IMAP, 993 for IMAPS).
	 * @param username Login name of the support mailbox; also names the mailbox in the
	 * database.
	 * @param password Password of the support mailbox.
	 * @param address The support mailbox's e-mail address: replies go out from it, and
	 * its domain names our Message-IDs.
	 */
	public record Inbound(@DefaultValue("imap") String protocol, String host, @DefaultValue("143") int port,
			String username, String password, @DefaultValue("support@opencrm.local") String address) {

		public Inbound {
			host = host == null ? "" : host;
			username = username == null ? "" : username;
			password = password == null ? "" : password;
			address = address == null || address.isBlank() ? "support@opencrm.local"
					: address.strip().toLowerCase(Locale.ROOT);
		}
	}

	public MailSettings {
		inbound = inbound == null ? new Inbound(null, null, 143, null, null, null) : inbound;
	}

	/** The support mailbox's address (lower case). */
	public String supportAddress() {
		return inbound.address();
	}

	/**
	 * The sender of the app's own mails to customers: {@link #from()}, else the support
	 * address.
	 */
	public String sender() {
		return from == null || from.isBlank() ? inbound.address() : from.strip();
	}

	boolean inboundConfigured() {
		return !inbound.host().isBlank();
	}

	/** The domain of our Message-IDs. */
	String domain() {
		String address = inbound.address();
		int at = address.indexOf('@');
		return at < 0 ? "opencrm.local" : address.substring(at + 1);
	}
}
