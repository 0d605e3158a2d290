package org.opencrm.core.workflow;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook calls: {@code X-CRM-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "<t>.<body>" with the rule's key>}. Signing the timestamp with the body lets a receiver
 * refuse replays of an old call; comparing in constant time is theirs.
 */
public final class WebhookSigner {

	public static final String HEADER = "X-CRM-Signature";

	private static final SecureRandom RANDOM = new SecureRandom();

	private WebhookSigner() {
	}

	static String newSecret() {
		byte[] key = new byte[32];
		RANDOM.nextBytes(key);
		return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(key);
	}

	/** The header's value for {@code body} sent at {@code epochSeconds}. */
	public static String sign(String secret, long epochSeconds, String body) {
		return "t=" + epochSeconds + ",v1=" + hmac(secret, epochSeconds + "." + body);
	}

	/**
	 * Whether {@code header} is a valid signature of {@code body} (as a receiver checks).
	 */
	public static boolean verify(String secret, String header, String body) {
		if (header == null || !header.matches("t=\\d{1,12},v1=[0-9a-f]{64}")) {
			return false;
		}
		String t = header.substring(2, header.indexOf(','));
		String expected = hmac(secret, t + "." + body);
		return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
				header.substring(header.indexOf("v1=") + 3).getBytes(StandardCharsets.US_ASCII));
	}

	/** The key as the admin pages show it after it was made: its start and end. */
	static String masked(String secret) {
		return secret == null ? null : secret.substring(0, 8) + "…" + secret.substring(secret.length() - 4);
	}

	private static String hmac(String secret, String text) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every JDK", ex);
		}
	}

}
