package org.opencrm.web.security.totp;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP): HMAC-SHA1, 30-second
 * steps, six digits, as every authenticator app reads an {@code otpauth://totp/} URI by
 * default. Secrets are shown and stored as RFC 4648 Base32.
 */
final class Totp {

	static final int STEP_SECONDS = 30;

	static final int DIGITS = 6;

	private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

	private static final SecureRandom RANDOM = new SecureRandom();

	private Totp() {
	}

	/** A fresh 160-bit secret (the HMAC-SHA1 key size RFC 4226 recommends), Base32. */
	static String newSecret() {
		byte[] key = new byte[20];
		RANDOM.nextBytes(key);
		return base32(key);
	}

	static long step(long epochSeconds) {
		return Math.floorDiv(epochSeconds, STEP_SECONDS);
	}

	/** The code of one time step, zero-padded to {@code digits}. */
	static String code(byte[] key, long step, int digits) {
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(key, "HmacSHA1"));
			byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
			int offset = hash[hash.length - 1] & 0x0f;
			int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
					| ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
			int otp = binary % (int) Math.pow(10, digits);
			return String.format(Locale.ROOT, "%0" + digits + "d", otp);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA1 is part of every Java runtime", ex);
		}
	}

	/**
	 * The time step a typed code belongs to, allowing one step of clock drift either way,
	 * or -1. Compared in constant time.
	 */
	static long matchingStep(String secret, String typed, long epochSeconds) {
		if (typed == null) {
			return -1;
		}
		String digits = typed.replaceAll("\\s", "");
		if (!digits.matches("\\d{" + DIGITS + "}")) {
			return -1;
		}
		byte[] key = unbase32(secret);
		long now = step(epochSeconds);
		long found = -1;
		for (long s = now - 1; s <= now + 1; s++) {
			if (java.security.MessageDigest.isEqual(code(key, s, DIGITS).getBytes(), digits.getBytes())) {
				found = s;
			}
		}
		return found;
	}

	static String base32(byte[] data) {
		StringBuilder out = new StringBuilder();
		int buffer = 0;
		int bits = 0;
		for (byte b : data) {
			buffer = (buffer << 8) | (b & 0xff);
			bits += 8;
			while (bits >= 5) {
				out.append(BASE32.charAt((buffer >> (bits - 5)) & 31));
				bits -= 5;
			}
		}
		if (bits > 0) {
			out.append(BASE32.charAt((buffer << (5 - bits)) & 31));
		}
		return out.toString();
	}

	static byte[] unbase32(String text) {
		String clean = text.replaceAll("[\\s=-]", "").toUpperCase(Locale.ROOT);
		ByteBuffer out = ByteBuffer.allocate(clean.length() * 5 / 8);
		int buffer = 0;
		int bits = 0;
		for (char c : clean.toCharArray()) {
			int value = BASE32.indexOf(c);
			if (value < 0) {
				throw new IllegalArgumentException("not Base32");
			}
			buffer = (buffer << 5) | value;
			bits += 5;
			if (bits >= 8) {
				out.put((byte) (buffer >> (bits - 8)));
				bits -= 8;
			}
		}
		return out.array();
	}

}
