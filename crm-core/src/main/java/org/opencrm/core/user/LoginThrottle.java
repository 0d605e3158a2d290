package org.opencrm.core.user;

import static org.opencrm.core.shared.Rows.instantOrNull;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Slows down password guessing, per account and per client address, in PostgreSQL so
 * every node sees the same counts.
 * <ul>
 * <li><b>Account</b> (the name typed, lower-cased, whether or not the user exists, so a
 * lockout tells nothing about which names are real): {@value #ACCOUNT_FAILURES} failures
 * in a row lock it for 1, then 5, then 15 minutes (and 15 from then on). A successful
 * sign-in resets it; a day without failures forgets it. The lock never outlasts 15
 * minutes, so locking someone out takes a steady stream of attempts, which the address
 * limit caps.</li>
 * <li><b>Address</b>: {@value #ADDRESS_FAILURES} failures within 15 minutes block that
 * address for 15 minutes, whichever names it tries. Generous, as an office behind one
 * address shares it, and not reset by a success (one valid account must not launder an
 * attacker's count).</li>
 * </ul>
 */
@Service
public class LoginThrottle {

	static final int ACCOUNT_FAILURES = 5;

	static final List<Duration> ACCOUNT_LOCKS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5),
			Duration.ofMinutes(15));

	static final Duration FORGET_AFTER = Duration.ofDays(1);

	static final int ADDRESS_FAILURES = 50;

	static final Duration ADDRESS_WINDOW = Duration.ofMinutes(15);

	static final Duration ADDRESS_LOCK = Duration.ofMinutes(15);

	private final JdbcClient jdbc;

	private final Clock clock;

	LoginThrottle(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Where an account and an address stand before a sign-in is tried. */
	public record State(Instant lockedUntil, Duration retryAfter, boolean accountHasFailures) {

		public boolean locked() {
			return lockedUntil != null;
		}
	}

	private record Row(String throttleKey, int failures, Instant windowStartedAt, int lockouts, Instant lockedUntil,
			Instant updatedAt) {
	}

	/**
	 * One statement: is the account or the address locked now, and has the account
	 * failures to reset.
	 */
	@Transactional(readOnly = true)
	public State check(String username, String address) {
		Instant now = clock.instant();
		List<Row> rows = jdbc.sql("""
				select throttle_key, failures, window_started_at, lockouts, locked_until, updated_at
				from login_throttle where throttle_key in (?, ?)
				""").params(accountKey(username), addressKey(address)).query(LoginThrottle::row).list();
		Instant until = null;
		boolean accountFailures = false;
		for (Row r : rows) {
			if (r.lockedUntil() != null && r.lockedUntil().isAfter(now)
					&& (until == null || r.lockedUntil().isAfter(until))) {
				until = r.lockedUntil();
			}
			if (r.throttleKey().equals(accountKey(username))) {
				accountFailures = true;
			}
		}
		return new State(until, until == null ? Duration.ZERO : Duration.between(now, until), accountFailures);
	}

	/**
	 * Counts a failed sign-in against the account and the address (in its own
	 * transaction: the failing sign-in rolls nothing back).
	 * @return until when the account or address is locked, if this failure locked it
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public Optional<Instant> failed(String username, String address) {
		Instant now = clock.instant();
		jdbc.sql("delete from login_throttle where updated_at < ? and (locked_until is null or locked_until < ?)")
			.params(Timestamp.from(now.minus(FORGET_AFTER)), Timestamp.from(now))
			.update();
		Instant account = count(accountKey(username), now, true);
		Instant addr = count(addressKey(address), now, false);
		return account != null ? Optional.of(account) : Optional.ofNullable(addr);
	}

	/** A successful sign-in clears the account's count (never the address's). */
	@Transactional
	public void succeeded(String username) {
		jdbc.sql("delete from login_throttle where throttle_key = ?").param(accountKey(username)).update();
	}

	/** A password reset unlocks the account: its owner proved they read its mail. */
	@Transactional
	public void clear(String username) {
		succeeded(username);
	}

	private Instant count(String key, Instant now, boolean account) {
		jdbc.sql("""
				insert into login_throttle (throttle_key, failures, window_started_at, lockouts, updated_at)
				values (?, 0, ?, 0, ?) on conflict (throttle_key) do nothing
				""").params(key, Timestamp.from(now), Timestamp.from(now)).update();
		Row r = jdbc.sql("""
				select throttle_key, failures, window_started_at, lockouts, locked_until, updated_at
				from login_throttle where throttle_key = ? for update
				""").param(key).query(LoginThrottle::row).single();
		int failures = r.failures();
		int lockouts = r.lockouts();
		Instant windowStart = r.windowStartedAt();
		if (account && r.updatedAt().isBefore(now.minus(FORGET_AFTER))) {
			failures = 0;
			lockouts = 0;
		}
		if (!account && windowStart.isBefore(now.minus(ADDRESS_WINDOW))) {
			failures = 0;
			windowStart = now;
		}
		failures++;
		Instant lockedUntil = r.lockedUntil();
		Instant newLock = null;
		if (account && failures >= ACCOUNT_FAILURES) {
			newLock = now.plus(ACCOUNT_LOCKS.get(Math.min(lockouts, ACCOUNT_LOCKS.size() - 1)));
			lockouts++;
			failures = 0;
		}
		else if (!account && failures >= ADDRESS_FAILURES) {
			newLock = now.plus(ADDRESS_LOCK);
			lockouts++;
			failures = 0;
			windowStart = now;
		}
		if (newLock != null) {
			lockedUntil = newLock;
		}
		jdbc.sql(
				"""
						update login_throttle set failures = ?, window_started_at = ?, lockouts = ?, locked_until = ?, updated_at = ?
						where throttle_key = ?
						""")
			.params(failures, Timestamp.from(windowStart), lockouts,
					lockedUntil == null ? null : Timestamp.from(lockedUntil), Timestamp.from(now), key)
			.update();
		return newLock;
	}

	static String accountKey(String username) {
		String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
		return "account:" + (name.length() > 250 ? name.substring(0, 250) : name);
	}

	static String addressKey(String address) {
		String a = address == null ? "unknown" : address;
		return "address:" + (a.length() > 250 ? a.substring(0, 250) : a);
	}

	private static Row row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new Row(rs.getString("throttle_key"), rs.getInt("failures"), instantOrNull(rs, "window_started_at"),
				rs.getInt("lockouts"), instantOrNull(rs, "locked_until"), instantOrNull(rs, "updated_at"));
	}

}
