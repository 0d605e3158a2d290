package org.opencrm.core.mail;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.opencrm.core.shared.MailKind;
import org.opencrm.core.shared.RuleViolationException;

/**
 * One mail to queue with {@link Mails#enqueue(OutgoingMail)}: who it goes to, what it
 * says (an HTML and/or a text body; with HTML only, the text part is derived with jsoup),
 * its headers and the record it is about. Built with
 * {@link #to(String, MailKind, String)} and the {@code with…} methods.
 *
 * @param kind What it is for, stamped as {@code X-CRM-Kind} ({@link MailKind}).
 * @param purpose A finer name such as {@code ticket.reply} or {@code password.reset}:
 * rate limits count by it.
 * @param from Sender address; null: the mail session's default.
 * @param replyTo Where answers go; null: to the sender.
 * @param to The one recipient (one address, else {@code mail.to.invalid}).
 * @param subject Subject line.
 * @param html HTML body, or null.
 * @param text Text body, or null.
 * @param headers Extra headers (In-Reply-To, References, Auto-Submitted,
 * List-Unsubscribe…).
 * @param messageId The Message-ID, or null for a fresh one.
 * @param recordType Kind of business record the mail is about (ticket, task…), or null.
 * @param recordId Its id, or null.
 */
public record OutgoingMail(MailKind kind, String purpose, String from, String replyTo, String to, String subject,
		String html, String text, Map<String, String> headers, String messageId, String recordType, Long recordId) {

	public OutgoingMail {
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(purpose, "purpose");
		Objects.requireNonNull(to, "to");
		to = to.strip();
		try {
			new InternetAddress(to, true).validate();
		}
		catch (AddressException ex) {
			throw new RuleViolationException("mail.to.invalid", "This is not an e-mail address.");
		}
		headers = headers == null ? Map.of() : Map.copyOf(headers);
	}

	/** A mail to {@code to}, still without subject and body. */
	public static OutgoingMail to(String to, MailKind kind, String purpose) {
		return new OutgoingMail(kind, purpose, null, null, to, null, null, null, Map.of(), null, null, null);
	}

	public OutgoingMail withFrom(String from) {
		return new OutgoingMail(kind, purpose, from, replyTo, to, subject, html, text, headers, messageId, recordType,
				recordId);
	}

	public OutgoingMail withReplyTo(String replyTo) {
		return new OutgoingMail(kind, purpose, from, replyTo, to, subject, html, text, headers, messageId, recordType,
				recordId);
	}

	/** Subject and bodies from a rendered mail template. */
	public OutgoingMail withContent(RenderedMail content) {
		return new OutgoingMail(kind, purpose, from, replyTo, to, content.subject(), content.html(), content.text(),
				headers, messageId, recordType, recordId);
	}

	/** A text-only mail (e.g. an agent's reply, a one-off mail written by a user). */
	public OutgoingMail withText(String subject, String text) {
		return new OutgoingMail(kind, purpose, from, replyTo, to, subject, null, text, headers, messageId, recordType,
				recordId);
	}

	/** Adds a header; a null value adds nothing. */
	public OutgoingMail withHeader(String name, String value) {
		if (value == null) {
			return this;
		}
		Map<String, String> more = new LinkedHashMap<>(headers);
		more.put(name, value);
		return new OutgoingMail(kind, purpose, from, replyTo, to, subject, html, text, more, messageId, recordType,
				recordId);
	}

	public OutgoingMail withMessageId(String messageId) {
		return new OutgoingMail(kind, purpose, from, replyTo, to, subject, html, text, headers, messageId, recordType,
				recordId);
	}

	public OutgoingMail about(String recordType, Long recordId) {
		return new OutgoingMail(kind, purpose, from, replyTo, to, subject, html, text, headers, messageId, recordType,
				recordId);
	}

}
