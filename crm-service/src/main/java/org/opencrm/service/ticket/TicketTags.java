package org.opencrm.service.ticket;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opencrm.core.signing.Signatures;
import org.springframework.stereotype.Component;

/**
 * The ticket tag our mails carry in their subject, "[T-000338-k7x2qa4m]": the number and
 * a signed part nobody can work out from it (HMAC of the number with core's
 * {@link Signatures}), so a sender who only knows or guesses a number can't post into a
 * ticket. A tag without it ("[T-000338]", as mails sent before had) still names the
 * ticket, but only proves something together with the sender being a participant.
 */
@Component
public class TicketTags {

	private static final String PURPOSE = "ticket-tag";

	private static final Pattern TAG = Pattern.compile("\\[(T-\\d{6,})(?:-([a-z2-7]{8}))?\\]",
			Pattern.CASE_INSENSITIVE);

	private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

	private final Signatures signatures;

	TicketTags(Signatures signatures) {
		this.signatures = signatures;
	}

	/** A tag found in a subject: the number, and whether its signed part is right. */
	public record SubjectTag(String number, boolean signed) {
	}

	/** "T-000338-k7x2qa4m" for {@code number} (without brackets). */
	public String tag(String number) {
		return number + "-" + token(number);
	}

	/** The first ticket tag in {@code subject}, signed or not. */
	public Optional<SubjectTag> find(String subject) {
		Matcher m = TAG.matcher(subject == null ? "" : subject);
		if (!m.find()) {
			return Optional.empty();
		}
		String number = m.group(1).toUpperCase(Locale.ROOT);
		String token = m.group(2);
		return Optional
			.of(new SubjectTag(number, token != null && token.toLowerCase(Locale.ROOT).equals(token(number))));
	}

	/** 40 bits of the number's signature, base32 (8 characters). */
	private String token(String number) {
		byte[] mac = signatures.sign(PURPOSE, number.getBytes(StandardCharsets.UTF_8));
		long bits = 0;
		for (int i = 0; i < 5; i++) {
			bits = (bits << 8) | (mac[i] & 0xff);
		}
		char[] out = new char[8];
		for (int i = 7; i >= 0; i--) {
			out[i] = ALPHABET[(int) (bits & 31)];
			bits >>>= 5;
		}
		return new String(out);
	}

}
