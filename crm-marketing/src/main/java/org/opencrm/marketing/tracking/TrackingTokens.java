package org.opencrm.marketing.tracking;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.opencrm.core.signing.Signatures;
import org.springframework.stereotype.Component;

/**
 * Signed tokens for the open pixel, tracked links and unsubscribe links:
 * {@code payload.signature}, both Base64url, signed by core's {@link Signatures}
 * (HMAC-SHA256 under the application's secret, shared by every node).
 */
@Component
public class TrackingTokens {

	public enum Kind {

		OPEN("o"), CLICK("c"), UNSUBSCRIBE("u");

		final String code;

		Kind(String code) {
			this.code = code;
		}

	}

	/**
	 * A verified token: the outbox row it was made for and, for clicks, the link's
	 * target.
	 */
	public record Token(Kind kind, long sendId, String url) {
	}

	private static final String PURPOSE = "marketing-tracking";

	private final Signatures signatures;

	TrackingTokens(Signatures signatures) {
		this.signatures = signatures;
	}

	public String open(long sendId) {
		return sign(Kind.OPEN.code + ":" + sendId);
	}

	public String click(long sendId, String url) {
		return sign(Kind.CLICK.code + ":" + sendId + ":" + url);
	}

	public String unsubscribe(long sendId) {
		return sign(Kind.UNSUBSCRIBE.code + ":" + sendId);
	}

	/**
	 * The token's content if its signature is right and it is of the expected kind; empty
	 * otherwise.
	 */
	public Optional<Token> verify(String token, Kind expected) {
		if (token == null) {
			return Optional.empty();
		}
		int dot = token.indexOf('.');
		if (dot <= 0) {
			return Optional.empty();
		}
		try {
			byte[] payload = Base64.getUrlDecoder().decode(token.substring(0, dot));
			byte[] given = Base64.getUrlDecoder().decode(token.substring(dot + 1));
			if (!signatures.verify(PURPOSE, payload, given)) {
				return Optional.empty();
			}
			String[] parts = new String(payload, StandardCharsets.UTF_8).split(":", 3);
			if (!parts[0].equals(expected.code)) {
				return Optional.empty();
			}
			long id = Long.parseLong(parts[1]);
			if (expected == Kind.CLICK) {
				return parts.length == 3 ? Optional.of(new Token(expected, id, parts[2])) : Optional.empty();
			}
			return parts.length == 2 ? Optional.of(new Token(expected, id, null)) : Optional.empty();
		}
		catch (IllegalArgumentException | ArrayIndexOutOfBoundsException ex) {
			return Optional.empty();
		}
	}

	private String sign(String payload) {
		byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
		Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
		return b64.encodeToString(bytes) + "." + b64.encodeToString(signatures.sign(PURPOSE, bytes));
	}

}
