package org.opencrm.core.shared;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Locale;

/**
 * What a mail we send is for, stamped on it as the {@code X-CRM-Kind} header by each
 * sender. The "Sent mail" page shows marketers only {@link #MARKETING} mail: the others
 * (portal verification, password reset, ticket replies, surveys) carry links that act for
 * their recipient.
 */
public enum MailKind {

	/** Campaign and sequence sends, and template test sends. */
	MARKETING,
	/** Ticket replies and notifications, portal verification, satisfaction surveys. */
	SERVICE,
	/** One-to-one mail from the customer pages. */
	SALES,
	/** Reminders, password resets and other mail to users. */
	SYSTEM;

	public static final String HEADER = "X-CRM-Kind";

	public void stamp(MimeMessage message) throws MessagingException {
		message.setHeader(HEADER, name().toLowerCase(Locale.ROOT));
	}

	/**
	 * The kind a message was stamped with; null for one without (or with an unknown)
	 * stamp.
	 */
	public static MailKind of(MimeMessage message) {
		try {
			String[] values = message.getHeader(HEADER);
			if (values == null || values.length != 1) {
				return null;
			}
			return MailKind.valueOf(values[0].trim().toUpperCase(Locale.ROOT));
		}
		catch (MessagingException | IllegalArgumentException ex) {
			return null;
		}
	}

}
