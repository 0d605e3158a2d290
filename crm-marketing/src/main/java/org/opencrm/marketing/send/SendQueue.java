package org.opencrm.marketing.send;

import java.util.ArrayList;
import java.util.List;
import org.opencrm.core.mail.Mails;
import org.opencrm.core.mail.QueuedMail;
import org.opencrm.core.shared.EmailAddress;
import org.opencrm.core.shared.MailKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Hands the sends a campaign or sequence step just wrote ({@code email_sends}) to core's
 * one outbox, in bulk and in the same transaction; {@link MarketingMailContent} renders
 * each when its turn comes. {@link EmailAddress} has the last word on the address: a send
 * to something that is not one is kept as FAILED (the campaign's problems list shows it)
 * and never queued.
 */
@Service
public class SendQueue {

	/** The outbox's name for marketing's content source. */
	static final String CONTENT_SOURCE = "marketing";

	/** The outbox's record type of a send. */
	static final String RECORD_TYPE = "email_send";

	private final Mails mails;

	private final JdbcClient jdbc;

	SendQueue(Mails mails, JdbcClient jdbc) {
		this.mails = mails;
		this.jdbc = jdbc;
	}

	/** One send just written: its id, address and Message-ID. */
	public record NewSend(long id, String email, String messageId) {
	}

	/**
	 * Queues the sends for {@code purpose} ({@code campaign} or {@code sequence});
	 * returns how many were queued.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public int enqueue(String purpose, List<NewSend> sends) {
		List<QueuedMail> valid = new ArrayList<>(sends.size());
		List<Long> invalid = new ArrayList<>();
		for (NewSend s : sends) {
			if (EmailAddress.isValid(s.email())) {
				valid.add(new QueuedMail(s.email(), s.messageId(), s.id()));
			}
			else {
				invalid.add(s.id());
			}
		}
		if (!invalid.isEmpty()) {
			jdbc.sql("""
					update email_sends set status = 'FAILED', permanent = true, last_error = 'Not an e-mail address',
					       updated_at = now()
					where id in (:ids)
					""").param("ids", invalid).update();
		}
		return mails.enqueueRenderedWhenSent(MailKind.MARKETING, purpose, CONTENT_SOURCE, RECORD_TYPE, valid);
	}

}
