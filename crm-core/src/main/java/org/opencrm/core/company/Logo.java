package org.opencrm.core.company;

import java.util.Arrays;
import org.opencrm.core.shared.RuleViolationException;

/**
 * A logo image: PNG, JPEG, GIF or WebP, told by its first bytes (never by the name or the
 * type the browser sent), at most {@value #MAX_BYTES} bytes. No SVG: it can carry script.
 *
 * @param bytes the image
 * @param contentType its media type, as served
 */
public record Logo(byte[] bytes, String contentType) {

	public static final int MAX_BYTES = 256 * 1024;

	/**
	 * @throws RuleViolationException {@code company.logo.empty},
	 * {@code company.logo.tooBig} or {@code company.logo.type} on field {@code logo}
	 */
	public static Logo of(byte[] bytes) {
		if (bytes == null || bytes.length == 0) {
			throw RuleViolationException.onField("logo", "company.logo.empty", "The file is empty.");
		}
		if (bytes.length > MAX_BYTES) {
			throw RuleViolationException.onField("logo", "company.logo.tooBig", "A logo is at most {0} KB.",
					MAX_BYTES / 1024);
		}
		return new Logo(bytes, typeOf(bytes));
	}

	private static String typeOf(byte[] b) {
		if (startsWith(b, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
			return "image/png";
		}
		if (startsWith(b, 0xFF, 0xD8, 0xFF)) {
			return "image/jpeg";
		}
		if (startsWith(b, 'G', 'I', 'F', '8')) {
			return "image/gif";
		}
		if (b.length >= 12 && startsWith(b, 'R', 'I', 'F', 'F') && b[8] == 'W' && b[9] == 'E' && b[10] == 'B'
				&& b[11] == 'P') {
			return "image/webp";
		}
		throw RuleViolationException.onField("logo", "company.logo.type", "Use a PNG, JPEG, GIF or WebP image.");
	}

	private static boolean startsWith(byte[] bytes, int... prefix) {
		if (bytes.length < prefix.length) {
			return false;
		}
		for (int i = 0; i < prefix.length; i++) {
			if ((bytes[i] & 0xFF) != prefix[i]) {
				return false;
			}
		}
		return true;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Logo l && Arrays.equals(bytes, l.bytes) && contentType.equals(l.contentType);
	}

	@Override
	public int hashCode() {
		return 31 * Arrays.hashCode(bytes) + contentType.hashCode();
	}

	@Override
	public String toString() {
		return "Logo[" + contentType + ", " + bytes.length + " bytes]";
	}

}
