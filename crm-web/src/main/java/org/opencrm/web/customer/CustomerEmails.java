package org.opencrm.web.customer;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import org.opencrm.core.shared.MailKind;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.timeline.InteractionKind;
import org.opencrm.core.timeline.RecordInteraction;
import org.opencrm.core.timeline.TimelineService;
import org.opencrm.core.user.Visibility;
import org.opencrm.service.mail.MailSettings;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sends a one-off e-mail to a customer over the application's SMTP server and puts it on
 * their timeline as an EMAIL entry. The entry is written first, in the same transaction
 * as the send: a message the server refused leaves no entry behind.
 */
@Service
class CustomerEmails {

	private final ObjectProvider<JavaMailSender> mail;

	private final TimelineService timeline;

	private final Clock clock;

	private final String from;

	CustomerEmails(ObjectProvider<JavaMailSender> mail, TimelineService timeline, Clock clock,
			MailSettings mailSettings) {
		this.mail = mail;
		this.timeline = timeline;
		this.clock = clock;
		this.from = mailSettings.sender();
	}

	/**
	 * Sends as a user, to a customer they may see (else "not found", and nothing is sent
	 * or recorded).
	 */
	@Transactional
	public void send(Long accountId, Long contactId, String to, String subject, String body, Visibility visibility) {
		// Checks the customer first; anything refused below rolls the entry back.
		timeline.log(RecordInteraction.logged(InteractionKind.EMAIL, clock.instant(), accountId, contactId,
				subject.trim(), "To: " + to + "\n\n" + body), visibility);
		JavaMailSender sender = mail.getIfAvailable();
		if (sender == null) {
			throw new RuleViolationException("customer.email.noServer", "No mail server is configured.");
		}
		try {
			MimeMessage message = sender.createMimeMessage();
			MimeMessageHelper helper = new MimeMessageHelper(message, "UTF-8");
			helper.setFrom(new InternetAddress(from));
			helper.setTo(new InternetAddress(to, true));
			helper.setSubject(subject.trim());
			helper.setText(body);
			MailKind.SALES.stamp(message);
			sender.send(message);
		}
		catch (jakarta.mail.internet.AddressException ex) {
			throw new RuleViolationException("customer.email.to.invalid", "This is not an e-mail address.");
		}
		catch (jakarta.mail.MessagingException | org.springframework.mail.MailException ex) {
			throw new RuleViolationException("customer.email.failed", "The mail server did not take the message.");
		}
	}

}
