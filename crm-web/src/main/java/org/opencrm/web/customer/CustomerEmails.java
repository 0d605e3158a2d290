package org.opencrm.web.customer;

import jakarta.mail.internet.InternetAddress;
import java.io.UnsupportedEncodingException;
import java.time.Clock;
import org.opencrm.core.mail.CustomerReplies;
import org.opencrm.core.mail.Mails;
import org.opencrm.core.mail.OutgoingMail;
import org.opencrm.core.shared.MailKind;
import org.opencrm.core.timeline.InteractionKind;
import org.opencrm.core.timeline.RecordInteraction;
import org.opencrm.core.timeline.TimelineText;
import org.opencrm.core.timeline.TimelineService;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.Visibility;
import org.opencrm.service.mail.MailSettings;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sends a one-off e-mail to a customer through the mail outbox and puts it on their
 * timeline as an EMAIL entry, in one transaction: the entry and the queued mail are saved
 * together or not at all. The mail goes out right after the commit; if the server can't
 * take it then, the outbox retries it. It shows the user's name as sender and asks for
 * answers at the support mailbox (Reply-To), where core's {@link CustomerReplies} puts
 * them on the same timeline and tells the user; the mail is "about" its timeline entry so
 * an answer finds both.
 */
@Service
class CustomerEmails {

	private final Mails mails;

	private final TimelineService timeline;

	private final Clock clock;

	private final String from;

	private final String replyTo;

	CustomerEmails(Mails mails, TimelineService timeline, Clock clock, MailSettings mailSettings) {
		this.mails = mails;
		this.timeline = timeline;
		this.clock = clock;
		this.from = mailSettings.sender();
		this.replyTo = mailSettings.supportAddress();
	}

	/**
	 * Sends as a user, to a customer they may see (else "not found", and nothing is sent
	 * or recorded); an address that is not one is refused ({@code mail.to.invalid}).
	 */
	@Transactional
	public void send(Long accountId, Long contactId, String to, String subject, String body, CrmUser user) {
		OutgoingMail mail = OutgoingMail.to(to, MailKind.SALES, "customer.email")
			.withFrom(named(from, user.fullName()))
			.withReplyTo(named(replyTo, user.fullName()))
			.withText(subject.trim(), body);
		// Checks the customer first; anything refused below rolls the entry back.
		long entry = timeline.log(new RecordInteraction(InteractionKind.EMAIL, clock.instant(), accountId, contactId,
				TimelineText.quote(subject.trim()), TimelineText.of("timeline.email.sentTo", to.strip(), body), "core",
				null), Visibility.of(user));
		mails.enqueueAndSend(mail.about(CustomerReplies.RECORD_TYPE, entry));
	}

	/**
	 * "Rita Rep" &lt;address&gt;, the name encoded for the header when it needs to be.
	 */
	private static String named(String address, String name) {
		if (name == null || name.isBlank()) {
			return address;
		}
		try {
			return new InternetAddress(address, name.strip(), "UTF-8").toString();
		}
		catch (UnsupportedEncodingException ex) {
			return address;
		}
	}

}
