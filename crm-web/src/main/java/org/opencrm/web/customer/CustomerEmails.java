package org.opencrm.web.customer;

import java.time.Clock;
import org.opencrm.core.mail.Mails;
import org.opencrm.core.mail.OutgoingMail;
import org.opencrm.core.shared.MailKind;
import org.opencrm.core.timeline.InteractionKind;
import org.opencrm.core.timeline.RecordInteraction;
import org.opencrm.core.timeline.TimelineText;
import org.opencrm.core.timeline.TimelineService;
import org.opencrm.core.user.Visibility;
import org.opencrm.service.mail.MailSettings;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sends a one-off e-mail to a customer through the mail outbox and puts it on their
 * timeline as an EMAIL entry, in one transaction: the entry and the queued mail are saved
 * together or not at all. The mail goes out right after the commit; if the server can't
 * take it then, the outbox retries it.
 */
@Service
class CustomerEmails {

	private final Mails mails;

	private final TimelineService timeline;

	private final Clock clock;

	private final String from;

	CustomerEmails(Mails mails, TimelineService timeline, Clock clock, MailSettings mailSettings) {
		this.mails = mails;
		this.timeline = timeline;
		this.clock = clock;
		this.from = mailSettings.sender();
	}

	/**
	 * Sends as a user, to a customer they may see (else "not found", and nothing is sent
	 * or recorded); an address that is not one is refused ({@code mail.to.invalid}).
	 */
	@Transactional
	public void send(Long accountId, Long contactId, String to, String subject, String body, Visibility visibility) {
		OutgoingMail mail = OutgoingMail.to(to, MailKind.SALES, "customer.email")
			.withFrom(from)
			.withText(subject.trim(), body)
			.about(contactId != null ? "contact" : "account", contactId != null ? contactId : accountId);
		// Checks the customer first; anything refused below rolls the entry back.
		timeline.log(new RecordInteraction(InteractionKind.EMAIL, clock.instant(), accountId, contactId,
				TimelineText.quote(subject.trim()), TimelineText.of("timeline.email.sentTo", to.strip(), body), "core",
				null), visibility);
		mails.enqueueAndSend(mail);
	}

}
