package org.opencrm.core.mail;

import java.util.List;
import java.util.Map;

/**
 * Renders mails that were queued without a body ({@link Mails#enqueueRenderedWhenSent}),
 * right before they are sent: a campaign's 100,000 recipients are queued as short rows
 * and each gets its merge fields, tracking links and unsubscribe URL as its turn comes. A
 * module that queues such mails registers one bean per {@link #name()}.
 */
public interface MailContentSource {

	/** Stored with each row it renders ({@code mail_outbox.content_source}). */
	String name();

	/**
	 * The content of each mail, by the {@code recordId} it was queued with. A record id
	 * missing from the answer is not sent: its row is FAILED with the reason given by
	 * {@link Content#dropped(String)}, or "nothing to send" when absent.
	 */
	Map<Long, Content> render(List<Long> recordIds);

	/**
	 * What one mail says. {@code from} null: the session's default sender.
	 *
	 * @param dropped Why the mail must not be sent after all (a cancelled campaign, an
	 * address suppressed meanwhile), or null to send it.
	 */
	record Content(String from, String replyTo, String subject, String html, String text, Map<String, String> headers,
			String dropped) {

		public Content {
			headers = headers == null ? Map.of() : headers;
		}

		public static Content of(String from, String replyTo, String subject, String html, String text,
				Map<String, String> headers) {
			return new Content(from, replyTo, subject, html, text, headers, null);
		}

		public static Content dropped(String reason) {
			return new Content(null, null, null, null, null, Map.of(), reason);
		}

	}

}
