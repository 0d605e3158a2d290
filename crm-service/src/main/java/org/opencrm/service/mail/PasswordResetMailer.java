package org.opencrm.service.mail;

import org.opencrm.core.event.PasswordResetMailRequested;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Sends core's password reset links through the outbox (retries, and the same path as
 * every other mail). Inside the asking transaction, so the link is never stored in the
 * event registry.
 */
@Component
class PasswordResetMailer {

	private final SupportMails outbox;

	PasswordResetMailer(SupportMails outbox) {
		this.outbox = outbox;
	}

	@EventListener
	void on(PasswordResetMailRequested request) {
		outbox.queuePasswordReset(request.userId(), request.to(), request.name(), request.link(), request.validFor());
	}

}
