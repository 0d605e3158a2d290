package org.opencrm.core.user;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.opencrm.core.config.CrmSettings;
import org.opencrm.core.event.PasswordResetMailRequested;
import org.opencrm.core.signing.Signatures;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * "Forgot password?": a signed link mailed to the account's address. The token is
 * {@code <user id>-<expiry, epoch seconds>-<HMAC>} where the HMAC also covers a digest of
 * the user's current password hash, so the link stops working once any new password is
 * set (by this link, the user or an admin): single use without a token table. It expires
 * after {@link #VALID}. Nothing tells the asker whether an account was found.
 */
@Service
public class PasswordResets {

	static final Duration VALID = Duration.ofMinutes(30);

	private static final String PURPOSE = "password-reset";

	private final UserRepository users;

	private final UserPasswords passwords;

	private final Signatures signatures;

	private final LoginThrottle throttle;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final String baseUrl;

	PasswordResets(UserRepository users, UserPasswords passwords, Signatures signatures, LoginThrottle throttle,
			ApplicationEventPublisher events, Clock clock, CrmSettings settings) {
		this.users = users;
		this.passwords = passwords;
		this.signatures = signatures;
		this.throttle = throttle;
		this.events = events;
		this.clock = clock;
		this.baseUrl = settings.baseUrl();
	}

	/**
	 * Mails a reset link to every enabled account with this username or e-mail address
	 * (ignoring case) that has an address; silently nothing otherwise. The link points at
	 * the configured base URL, never at the request's Host header.
	 */
	@Transactional
	public void request(String usernameOrEmail) {
		String key = usernameOrEmail == null ? "" : usernameOrEmail.strip().toLowerCase(Locale.ROOT);
		if (key.isEmpty() || key.length() > 254) {
			return;
		}
		List<User> found = users.findForReset(key);
		for (User u : found) {
			Instant expires = clock.instant().plus(VALID);
			String token = u.getId() + "-" + expires.getEpochSecond() + "-" + sign(u, expires.getEpochSecond());
			events.publishEvent(new PasswordResetMailRequested(u.getId(), u.getEmail(), u.getFullName(),
					baseUrl + "/login/reset?token=" + token, VALID));
			SecurityLog.info("password.reset.requested")
				.addKeyValue("userId", u.getId())
				.addKeyValue("username", u.getUsername())
				.log();
		}
		if (found.isEmpty()) {
			SecurityLog.info("password.reset.requested").addKeyValue("accounts", 0).log();
		}
	}

	/** The username a valid, unexpired, unused link belongs to. */
	@Transactional(readOnly = true)
	public Optional<String> usernameFor(String token) {
		return verify(token).map(User::getUsername);
	}

	/**
	 * Sets the new password through the link (the same {@link PasswordPolicy}) and
	 * unlocks the account.
	 * @return the username, or empty for a bad, used or expired link
	 * @throws WeakPasswordException when the new password breaks the rule (the link stays
	 * valid)
	 */
	@Transactional
	public Optional<String> reset(String token, String newPassword) {
		Optional<User> user = verify(token);
		if (user.isEmpty()) {
			SecurityLog.warn("password.reset.refused").addKeyValue("reason", "invalid or expired link").log();
			return Optional.empty();
		}
		passwords.resetPassword(user.get(), newPassword);
		throttle.clear(user.get().getUsername());
		return Optional.of(user.get().getUsername());
	}

	private Optional<User> verify(String token) {
		if (token == null || !token.matches("\\d{1,18}-\\d{1,12}-[0-9a-f]{64}")) {
			return Optional.empty();
		}
		String[] parts = token.split("-");
		long userId = Long.parseLong(parts[0]);
		long expires = Long.parseLong(parts[1]);
		if (!Instant.ofEpochSecond(expires).isAfter(clock.instant())) {
			return Optional.empty();
		}
		return users.findById(userId)
			.filter(User::isEnabled)
			.filter(u -> signatures.verify(PURPOSE, payload(u, expires), HexFormat.of().parseHex(parts[2])));
	}

	private String sign(User u, long expires) {
		return HexFormat.of().formatHex(signatures.sign(PURPOSE, payload(u, expires)));
	}

	private static byte[] payload(User u, long expires) {
		return (u.getId() + ":" + expires + ":" + sha256(u.getPasswordHash())).getBytes(StandardCharsets.UTF_8);
	}

	private static String sha256(String s) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
