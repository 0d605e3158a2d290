package org.opencrm.core.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Map;
import org.opencrm.core.shared.MailKind;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Builds the MIME message of one outbox row with {@link MimeMessageHelper}: its own
 * Message-ID, text and HTML as alternatives, the extra headers and {@code X-CRM-Kind}.
 */
final class MailBuilder {

	private MailBuilder() {
	}

	/** What a row says, from its own columns or from its content source. */
	record Parts(String from, String replyTo, String to, String subject, String text, String html,
			Map<String, String> headers) {
	}

	static MimeMessage build(Session session, String messageId, MailKind kind, Parts parts) throws MessagingException {
		MimeMessage message = new FixedIdMimeMessage(session, messageId);
		String html = parts.html();
		String text = parts.text() == null && html != null ? HtmlText.toText(html) : parts.text();
		boolean alternative = html != null && text != null;
		MimeMessageHelper helper = new MimeMessageHelper(message,
				alternative ? MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED : MimeMessageHelper.MULTIPART_MODE_NO,
				"UTF-8");
		if (parts.from() != null) {
			helper.setFrom(new InternetAddress(parts.from(), true));
		}
		if (parts.replyTo() != null) {
			helper.setReplyTo(new InternetAddress(parts.replyTo(), true));
		}
		helper.setTo(new InternetAddress(parts.to(), true));
		helper.setSubject(parts.subject().replaceAll("[\\r\\n]+", " "));
		if (alternative) {
			helper.setText(text, html);
		}
		else if (html != null) {
			helper.setText(html, true);
		}
		else {
			helper.setText(text);
		}
		parts.headers().forEach((name, value) -> {
			try {
				message.setHeader(name.strip(), value.replaceAll("[\\r\\n]+", " ").strip());
			}
			catch (MessagingException ex) {
				throw new IllegalArgumentException(ex);
			}
		});
		kind.stamp(message);
		message.saveChanges();
		return message;
	}

	/** The "Name: value" lines {@link Mails} stores, back as headers. */
	static Map<String, String> headers(String stored) {
		if (stored == null) {
			return Map.of();
		}
		Map<String, String> headers = new java.util.LinkedHashMap<>();
		for (String line : stored.split("\n")) {
			int colon = line.indexOf(':');
			if (colon > 0) {
				headers.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
			}
		}
		return headers;
	}

}
