package org.opencrm.test;

import jakarta.mail.Multipart;
import jakarta.mail.Part;

/** The text/plain part of a received mail, for tests' assertions. */
public final class MailTexts {

	private MailTexts() {
	}

	/**
	 * The first text/plain part of {@code part} (itself, or within its multiparts); null
	 * if none.
	 */
	public static String text(Part part) {
		try {
			if (part.isMimeType("text/plain")) {
				return (String) part.getContent();
			}
			if (part.isMimeType("multipart/*")) {
				Multipart multipart = (Multipart) part.getContent();
				for (int i = 0; i < multipart.getCount(); i++) {
					String text = text(multipart.getBodyPart(i));
					if (text != null) {
						return text;
					}
				}
			}
			return null;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The first text/html part of {@code part}; null if none. */
	public static String html(Part part) {
		try {
			if (part.isMimeType("text/html")) {
				return (String) part.getContent();
			}
			if (part.isMimeType("multipart/*")) {
				Multipart multipart = (Multipart) part.getContent();
				for (int i = 0; i < multipart.getCount(); i++) {
					String html = html(multipart.getBodyPart(i));
					if (html != null) {
						return html;
					}
				}
			}
			return null;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
