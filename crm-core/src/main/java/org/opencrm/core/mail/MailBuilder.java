package org.opencrm.core.mail;

import jakarta.activation.FileTypeMap;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Map;
import org.opencrm.core.shared.MailKind;
import org.springframework.mail.javamail.ConfigurableMimeFileTypeMap;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Builds the MIME message of one outbox row with {@link MimeMessageHelper}: its own
 * Message-ID, text and HTML as alternatives, the extra headers and {@code X-CRM-Kind}.
 */
final class MailBuilder {

	private static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

	/**
	 * One file-type map for every message: {@link MimeMessageHelper} otherwise builds a
	 * new one per message, and that loads {@code mime.types} through a class-path scan
	 * (half the campaign send time in bench/campaign-send-100k.sh).
	 */
	private static final ConfigurableMimeFileTypeMap FILE_TYPES = new ConfigurableMimeFileTypeMap();

	static {
		FILE_TYPES.afterPropertiesSet();
		// jakarta.mail finds its StreamProvider with a ServiceLoader scan on every body
		// part
		// it writes unless the implementation is named.
		if (System.getProperty(STREAM_PROVIDER) == null) {
			System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
		}
	}

	private static final class SharedTypesHelper extends MimeMessageHelper {

		SharedTypesHelper(MimeMessage message, int multipartMode) throws MessagingException {
			super(message, multipartMode, "UTF-8");
		}

		@Override
		protected FileTypeMap getDefaultFileTypeMap(MimeMessage mimeMessage) {
			return FILE_TYPES;
		}

	}

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
		MimeMessageHelper helper = new SharedTypesHelper(message,
				alternative ? MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED : MimeMessageHelper.MULTIPART_MODE_NO);
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
