package org.opencrm.web.security.totp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.opencrm.core.event.UserAccessChanged;
import org.opencrm.core.shared.RuleViolationException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Staff's optional second factor: a TOTP secret enrolled and confirmed with a first code,
 * ten single-use recovery codes (stored as SHA-256: they are random, so a slow hash buys
 * nothing), and an admin's reset. A code is accepted once: the last accepted time step is
 * kept.
 */
@Service
public class SecondFactors {

	static final int RECOVERY_CODES = 10;

	private static final String RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	SecondFactors(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.events = events;
	}

	/** Whether a user has one, since when, and how many recovery codes are unused. */
	public record Status(boolean enabled, Instant enabledAt, int recoveryCodesLeft) {
	}

	@Transactional(readOnly = true)
	public Status status(long userId) {
		return jdbc
			.sql("""
					select f.enabled_at,
					       (select count(*) from user_recovery_codes r where r.user_id = f.user_id and r.used_at is null) as left_codes
					from user_second_factors f where f.user_id = ? and f.enabled
					""")
			.param(userId)
			.query((rs, n) -> new Status(true, rs.getTimestamp(1).toInstant(), rs.getInt(2)))
			.optional()
			.orElse(new Status(false, null, 0));
	}

	@Transactional(readOnly = true)
	public boolean enabled(long userId) {
		return jdbc.sql("select exists (select 1 from user_second_factors where user_id = ? and enabled)")
			.param(userId)
			.query(Boolean.class)
			.single();
	}

	/** A new secret to enrol (replacing an unconfirmed one); refused while one is on. */
	@Transactional
	public String startEnrolment(long userId) {
		if (enabled(userId)) {
			throw new RuleViolationException("totp.alreadyOn", "A second factor is already on.");
		}
		String secret = Totp.newSecret();
		jdbc.sql("""
				insert into user_second_factors (user_id, secret) values (?, ?)
				on conflict (user_id) do update set secret = excluded.secret, last_step = 0, created_at = now()
				""").params(userId, secret).update();
		return secret;
	}

	@Transactional(readOnly = true)
	public Optional<String> pendingSecret(long userId) {
		return jdbc.sql("select secret from user_second_factors where user_id = ? and not enabled")
			.param(userId)
			.query(String.class)
			.optional();
	}

	/**
	 * Turns the enrolled secret on when the code matches; returns the new recovery codes,
	 * shown once.
	 */
	@Transactional
	public List<String> confirm(long userId, String code) {
		String secret = pendingSecret(userId)
			.orElseThrow(() -> new RuleViolationException("totp.notStarted", "Start the set-up first."));
		long step = Totp.matchingStep(secret, code, clock.instant().getEpochSecond());
		if (step < 0) {
			throw new RuleViolationException("totp.wrongCode", "That code is not the current one.");
		}
		jdbc.sql("update user_second_factors set enabled = true, enabled_at = ?, last_step = ? where user_id = ?")
			.params(clock.instant().atOffset(ZoneOffset.UTC), step, userId)
			.update();
		jdbc.sql("delete from user_recovery_codes where user_id = ?").param(userId).update();
		List<String> codes = new ArrayList<>();
		for (int i = 0; i < RECOVERY_CODES; i++) {
			String recovery = recoveryCode();
			codes.add(recovery);
			jdbc.sql("insert into user_recovery_codes (user_id, code_hash) values (?, ?)")
				.params(userId, hash(recovery))
				.update();
		}
		return codes;
	}

	/**
	 * The sign-in check: the current TOTP code (once per time step) or an unused recovery
	 * code, which is then used up.
	 */
	@Transactional
	public boolean verify(long userId, String code) {
		if (code == null || code.isBlank()) {
			return false;
		}
		var row = jdbc.sql("select secret, last_step from user_second_factors where user_id = ? and enabled for update")
			.param(userId)
			.query((rs, n) -> new Object[] { rs.getString(1), rs.getLong(2) })
			.optional();
		if (row.isEmpty()) {
			return false;
		}
		String typed = code.strip();
		// Six digits are an app's code; recovery codes are ten letters and digits.
		if (typed.replaceAll("\\s", "").matches("\\d{" + Totp.DIGITS + "}")) {
			long step = Totp.matchingStep((String) row.get()[0], typed, clock.instant().getEpochSecond());
			if (step <= (long) row.get()[1]) {
				return false;
			}
			jdbc.sql("update user_second_factors set last_step = ? where user_id = ?").params(step, userId).update();
			return true;
		}
		return jdbc.sql(
				"update user_recovery_codes set used_at = now() where user_id = ? and code_hash = ? and used_at is null")
			.params(userId, hash(typed))
			.update() == 1;
	}

	/**
	 * The admin's reset, for a lost phone: the user signs in with the password alone and
	 * may enrol again. Their open sessions end, since whoever has the phone may be in
	 * one.
	 */
	@Transactional
	public void reset(long userId) {
		jdbc.sql("delete from user_recovery_codes where user_id = ?").param(userId).update();
		jdbc.sql("delete from user_second_factors where user_id = ?").param(userId).update();
		jdbc.sql("select username from users where id = ?")
			.param(userId)
			.query(String.class)
			.optional()
			.ifPresent(username -> events.publishEvent(new UserAccessChanged(userId, username)));
	}

	private static String recoveryCode() {
		StringBuilder code = new StringBuilder();
		for (int i = 0; i < 10; i++) {
			if (i == 5) {
				code.append('-');
			}
			code.append(RECOVERY_ALPHABET.charAt(RANDOM.nextInt(RECOVERY_ALPHABET.length())));
		}
		return code.toString();
	}

	static String hash(String recoveryCode) {
		String normal = recoveryCode.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT);
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(normal.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
