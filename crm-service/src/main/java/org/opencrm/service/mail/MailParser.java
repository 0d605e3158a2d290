package org.opencrm.service.mail;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.opencrm.service.ticket.NewAttachment;

/** Turns a raw RFC 822 message into a {@link ParsedMail}, or says why it can't. */
final class MailParser {

	/**
	 * The line our outgoing mails start with; the customer's answer is what comes above
	 * it.
	 */
	static final String REPLY_MARKER = "##- Please type your reply above this line -##";

	/**
	 * The ticket desk takes up to 100,000 characters; longer texts are cut with a note.
	 */
	static final int MAX_TEXT = 90_000;

	static final String TRUNCATED_NOTE = "\n\n[… the message was longer and has been shortened; the complete e-mail is kept]";

	private static final Session SESSION = Session.getInstance(new Properties());

	private MailParser() {
	}

	/**
	 * The headers the store keeps next to the raw bytes; never fails (nulls for what is
	 * unreadable).
	 */
	static Envelope envelope(byte[] raw) {
		try {
			MimeMessage m = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
			String id = clean(m.getMessageID());
			String from = null;
			try {
				Address[] a = m.getFrom();
				if (a != null && a.length > 0 && a[0] instanceof InternetAddress ia) {
					from = ia.getAddress();
				}
			}
			catch (MessagingException ex) {
				// a broken From header: the processor reports it
			}
			String subject = null;
			try {
				subject = m.getSubject();
			}
			catch (MessagingException ex) {
				// undecodable subject: leave it out
			}
			return new Envelope(id == null ? digestId(raw) : truncate(id, 500), truncate(from, 254),
					truncate(subject, 500));
		}
		catch (MessagingException ex) {
			return new Envelope(digestId(raw), null, null);
		}
	}

	record Envelope(String messageId, String from, String subject) {
	}

	static ParsedMail parse(byte[] raw) throws MalformedMailException {
		try {
			MimeMessage m = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
			InternetAddress from = sender(m);
			String messageId = clean(m.getMessageID());
			StringBuilder text = new StringBuilder();
			StringBuilder html = new StringBuilder();
			List<NewAttachment> attachments = new ArrayList<>();
			walk(m, text, html, attachments, 0);
			String body = text.length() > 0 ? text.toString() : htmlToText(html.toString());
			body = aboveMarker(body.replace("\r\n", "\n")).strip();
			boolean truncated = body.length() > MAX_TEXT;
			if (truncated) {
				body = body.substring(0, MAX_TEXT) + TRUNCATED_NOTE;
			}
			String subject = m.getSubject();
			return new ParsedMail(messageId == null ? digestId(raw) : truncate(messageId, 500),
					from.getAddress().strip(), from.getPersonal(), subject == null ? null : subject.strip(),
					firstId(m.getHeader("In-Reply-To", " ")), ids(m.getHeader("References", " ")),
					m.getHeader("Auto-Submitted", null), m.getHeader("Precedence", null),
					m.isMimeType("multipart/report"), body, truncated, attachments);
		}
		catch (MessagingException | IOException | RuntimeException ex) {
			throw new MalformedMailException(truncate("Unreadable MIME structure: " + ex.getMessage(), 480));
		}
	}

	private static InternetAddress sender(MimeMessage m) throws MalformedMailException {
		Address[] from;
		try {
			from = m.getFrom();
		}
		catch (MessagingException ex) {
			throw new MalformedMailException("The From header is not a valid address.");
		}
		if (from == null || from.length == 0 || !(from[0] instanceof InternetAddress ia) || ia.getAddress() == null
				|| !ia.getAddress().contains("@")) {
			throw new MalformedMailException("The message has no sender (From header).");
		}
		return ia;
	}

	private static void walk(Part part, StringBuilder text, StringBuilder html, List<NewAttachment> attachments,
			int depth) throws MessagingException, IOException {
		if (depth > 20) {
			throw new MessagingException("MIME parts nested too deeply");
		}
		String filename = filename(part);
		boolean attachment = filename != null || Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition());
		if (part.isMimeType("multipart/*")) {
			Multipart mp = (Multipart) part.getContent();
			for (int i = 0; i < mp.getCount(); i++) {
				walk(mp.getBodyPart(i), text, html, attachments, depth + 1);
			}
		}
		else if (!attachment && part.isMimeType("text/plain") && text.isEmpty()) {
			text.append(readText(part));
		}
		else if (!attachment && part.isMimeType("text/html") && html.isEmpty()) {
			html.append(readText(part));
		}
		else if (!part.isMimeType("text/plain") && !part.isMimeType("text/html") || attachment) {
			try (InputStream in = part.getInputStream()) {
				attachments.add(new NewAttachment(filename == null ? "attachment" : filename, baseType(part),
						in.readAllBytes()));
			}
		}
	}

	private static String readText(Part part) throws MessagingException, IOException {
		Object content = part.getContent();
		if (content instanceof String s) {
			return s;
		}
		try (InputStream in = part.getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private static String filename(Part part) throws MessagingException {
		String name = part.getFileName();
		if (name == null) {
			return null;
		}
		try {
			return MimeUtility.decodeText(name);
		}
		catch (IOException ex) {
			return name;
		}
	}

	private static String baseType(Part part) throws MessagingException {
		try {
			return new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
		}
		catch (MessagingException | RuntimeException ex) {
			return "application/octet-stream";
		}
	}

	static String htmlToText(String html) {
		return html.replaceAll("(?is)<(script|style)[^>]*>.*?</\\1>", "")
			.replaceAll("(?i)<br\\s*/?>|</p>|</div>|</li>", "\n")
			.replaceAll("<[^>]+>", "")
			.replace("&nbsp;", " ")
			.replace("&lt;", "<")
			.replace("&gt;", ">")
			.replace("&quot;", "\"")
			.replace("&#39;", "'")
			.replace("&amp;", "&")
			.replaceAll("\n{3,}", "\n\n");
	}

	/** The answer above our marker, without the mail program's "On … wrote:" line. */
	static String aboveMarker(String text) {
		int marker = text.indexOf(REPLY_MARKER);
		if (marker < 0) {
			return text;
		}
		String above = text.substring(0, marker);
		// Drop the quote prefix some programs put in front of the marker line, then the
		// attribution.
		above = above.replaceAll("[>\\s]*$", "");
		int last = above.lastIndexOf('\n');
		String lastLine = above.substring(last + 1);
		if (lastLine.matches("(?i)^(on|am|le)\\b.*:\\s*$")) {
			above = last < 0 ? "" : above.substring(0, last);
		}
		return above.isBlank() ? text.substring(0, marker) : above;
	}

	private static String firstId(String header) {
		List<String> ids = ids(header);
		return ids.isEmpty() ? null : ids.get(ids.size() - 1);
	}

	/** Message-IDs (with their angle brackets) in a header, in order. */
	static List<String> ids(String header) {
		List<String> ids = new ArrayList<>();
		if (header == null) {
			return ids;
		}
		var m = java.util.regex.Pattern.compile("<[^<>\\s]+>").matcher(header);
		while (m.find() && ids.size() < 50) {
			ids.add(m.group());
		}
		return ids;
	}

	private static String clean(String id) {
		return id == null || id.isBlank() ? null : id.strip();
	}

	static String digestId(byte[] raw) {
		try {
			return "<sha256." + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw))
					+ "@no-message-id>";
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String truncate(String s, int max) {
		return s == null || s.length() <= max ? s : s.substring(0, max);
	}

}
