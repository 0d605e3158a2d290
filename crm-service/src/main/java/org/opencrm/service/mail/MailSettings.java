package org.opencrm.service.mail;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The support mailbox: where inbound mail is fetched ({@code crm.mail.inbound.*}, set by the
 * embedded mail server by default) and the address replies go out from.
 */
@Component
class MailSettings {

	final String protocol;

	final String host;

	final int port;

	final String username;

	final String password;

	final String address;

	MailSettings(@Value("${crm.mail.inbound.protocol:imap}") String protocol,
			@Value("${crm.mail.inbound.host:}") String host, @Value("${crm.mail.inbound.port:143}") int port,
			@Value("${crm.mail.inbound.username:}") String username,
			@Value("${crm.mail.inbound.password:}") String password,
			@Value("${crm.mail.inbound.address:support@opencrm.local}") String address) {
		this.protocol = protocol;
		this.host = host;
		this.port = port;
		this.username = username;
		this.password = password;
		this.address = address.strip().toLowerCase();
	}

	boolean inboundConfigured() {
		return !host.isBlank();
	}

	/** The domain of our Message-IDs. */
	String domain() {
		int at = address.indexOf('@');
		return at < 0 ? "opencrm.local" : address.substring(at + 1);
	}
}
