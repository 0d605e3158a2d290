package org.opencrm.service.mail;

import java.util.Locale;
import org.opencrm.core.timeline.TimelineText;
import org.springframework.stereotype.Component;

/**
 * Mail nobody should answer: auto-replies, bulk mail, bounces and our own mail coming
 * back. Answering them could make two robots write to each other forever.
 */
@Component
class LoopGuard {

	private final MailSettings settings;

	LoopGuard(MailSettings settings) {
		this.settings = settings;
	}

	/**
	 * Why a message must not be answered (auto-replies, bulk, bounces, ourselves), or
	 * null.
	 */
	TimelineText reason(ParsedMail mail, String mailbox) {
		String auto = mail.autoSubmitted() == null ? null : mail.autoSubmitted().strip().toLowerCase(Locale.ROOT);
		if (auto != null && !auto.isEmpty() && !auto.startsWith("no")) {
			return TimelineText.of("mail.inbound.reason.autoSubmitted", auto);
		}
		String precedence = mail.precedence() == null ? "" : mail.precedence().strip().toLowerCase(Locale.ROOT);
		if (precedence.equals("bulk") || precedence.equals("junk") || precedence.equals("list")) {
			return TimelineText.of("mail.inbound.reason.bulk", precedence);
		}
		String from = mail.fromAddress().toLowerCase(Locale.ROOT);
		String local = from.substring(0, from.indexOf('@'));
		if (local.equals("mailer-daemon") || local.equals("postmaster") || mail.deliveryReport()) {
			return TimelineText.of("mail.inbound.reason.bounce", from);
		}
		if (from.equals(settings.supportAddress()) || from.equalsIgnoreCase(mailbox)) {
			return TimelineText.label("mail.inbound.reason.loop");
		}
		return null;
	}

}
