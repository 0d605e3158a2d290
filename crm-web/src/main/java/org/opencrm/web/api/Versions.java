package org.opencrm.web.api;

import org.springframework.http.ResponseEntity;

/**
 * A record's {@code version} as its HTTP entity tag: GET answers
 * {@code ETag: "<version>"}; a write with {@code If-Match} is checked against that
 * version (a stale one is a 412); without {@code If-Match} the version in the body is
 * checked as before (a stale one is a 409, a missing one counts as 0).
 */
public final class Versions {

	public static final String IF_MATCH = "If-Match";

	private Versions() {
	}

	public static String etag(long version) {
		return "\"" + version + "\"";
	}

	/** A 200 with the record and its version as the ETag. */
	public static <T> ResponseEntity<T> ok(T body, long version) {
		return ResponseEntity.ok().eTag(etag(version)).body(body);
	}

	/**
	 * The version a write must match: {@code If-Match}'s when the request sent one (it
	 * wins over the body's), else the body's, else 0. {@code *} matches whatever is
	 * stored, so the body's version decides. A weak or malformed tag never matches (RFC
	 * 9110 13.1.1: If-Match compares strongly), so it is a 412 too.
	 */
	public static long expected(String ifMatch, Long bodyVersion) {
		if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
			return bodyVersion == null ? 0 : bodyVersion;
		}
		String tag = ifMatch.strip();
		if (tag.length() < 3 || tag.charAt(0) != '"' || tag.charAt(tag.length() - 1) != '"') {
			throw new PreconditionFailedException();
		}
		try {
			return Long.parseLong(tag.substring(1, tag.length() - 1));
		}
		catch (NumberFormatException ex) {
			throw new PreconditionFailedException();
		}
	}

	/** {@code If-Match} named no version the record could have. */
	public static class PreconditionFailedException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		PreconditionFailedException() {
			super("If-Match is not an entity tag of this API");
		}

	}

}
