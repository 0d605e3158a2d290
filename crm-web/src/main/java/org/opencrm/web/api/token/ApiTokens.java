package org.opencrm.web.api.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencrm.core.audit.AuditTrail;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.Role;
import org.opencrm.core.user.SecurityLog;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal API tokens: a user makes and revokes their own, an admin revokes anyone's. The
 * secret is 256 random bits shown once; only its SHA-256 is stored (a random secret needs
 * no slow hash), with the first characters kept visible as {@code prefix}. Creating and
 * revoking are audited ({@code audit_log}, type {@code api_token}) and logged as security
 * events.
 */
@Service
public class ApiTokens {

	static final String AUDIT_TYPE = "api_token";

	/** Every token starts so, which lets secret scanners and people recognise it. */
	static final String MARK = "crm_";

	static final int PREFIX_LENGTH = MARK.length() + 8;

	/** Active tokens one user may hold. */
	static final int MAX_ACTIVE = 20;

	/** How stale {@code last_used_at} may get before a request writes it again. */
	static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final String VIEW_SELECT = """
			select t.id, t.user_id, u.full_name as user_name, t.name, t.prefix, t.scope, t.expires_at, t.last_used_at,
			       t.revoked_at, t.created_at
			from api_tokens t join users u on u.id = t.user_id
			""";

	private static final RowMapper<ApiTokenView> VIEW = (rs, n) -> new ApiTokenView(rs.getLong("id"),
			rs.getLong("user_id"), rs.getString("user_name"), rs.getString("name"), rs.getString("prefix"),
			TokenScope.valueOf(rs.getString("scope")), instant(rs.getTimestamp("expires_at")),
			instant(rs.getTimestamp("last_used_at")), instant(rs.getTimestamp("revoked_at")),
			instant(rs.getTimestamp("created_at")));

	private final JdbcClient jdbc;

	private final AuditTrail audit;

	private final Clock clock;

	ApiTokens(JdbcClient jdbc, AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
	}

	/** Makes a token for {@code owner}; the result holds the secret, shown this once. */
	@Transactional
	public CreatedToken create(CrmUser owner, NewToken request) {
		String name = request.name() == null ? "" : request.name().strip();
		if (name.isEmpty() || name.length() > 100) {
			throw RuleViolationException.onField("name", "apiToken.name.invalid",
					"Give the token a name of up to 100 characters.");
		}
		if (request.scope() == null) {
			throw RuleViolationException.onField("scope", "apiToken.scope.required", "Choose what the token may do.");
		}
		Instant now = clock.instant();
		if (request.expiresAt() != null && !request.expiresAt().isAfter(now)) {
			throw RuleViolationException.onField("expiresAt", "apiToken.expiry.past",
					"The end must lie in the future.");
		}
		// Serialises one user's creations, so two at once can't both pass the limit.
		jdbc.sql("select id from users where id = ? for update").param(owner.id()).query(Long.class).single();
		long active = jdbc
			.sql("select count(*) from api_tokens where user_id = ? and revoked_at is null"
					+ " and (expires_at is null or expires_at > ?)")
			.params(owner.id(), Timestamp.from(now))
			.query(Long.class)
			.single();
		if (active >= MAX_ACTIVE) {
			throw new RuleViolationException("apiToken.tooMany",
					"You have " + MAX_ACTIVE + " active tokens; revoke one you no longer use first.", MAX_ACTIVE);
		}
		byte[] secret = new byte[32];
		RANDOM.nextBytes(secret);
		String token = MARK + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		String prefix = token.substring(0, PREFIX_LENGTH);
		long id = jdbc.sql("""
				insert into api_tokens (user_id, name, prefix, secret_hash, scope, expires_at, created_at, updated_at)
				values (?, ?, ?, ?, ?, ?, ?, ?) returning id
				""")
			.params(owner.id(), name, prefix, hash(token), request.scope().name(),
					request.expiresAt() == null ? null : Timestamp.from(request.expiresAt()), Timestamp.from(now),
					Timestamp.from(now))
			.query(Long.class)
			.single();
		audit.created(AUDIT_TYPE, id);
		SecurityLog.info("apiToken.created")
			.addKeyValue("user", owner.username())
			.addKeyValue("token", prefix)
			.addKeyValue("scope", request.scope())
			.log();
		return new CreatedToken(id, name, prefix, token);
	}

	/**
	 * Revokes a token of {@code actor}'s own, or anyone's when {@code actor} is an admin;
	 * someone else's token is "not found" to everyone else. Revoking twice changes
	 * nothing.
	 */
	@Transactional
	public void revoke(long id, CrmUser actor) {
		ApiTokenView token = jdbc.sql(VIEW_SELECT + " where t.id = ?")
			.param(id)
			.query(VIEW)
			.optional()
			.filter(t -> t.userId() == actor.id() || actor.role() == Role.ADMIN)
			.orElseThrow(() -> new NotFoundException("ApiToken", id));
		if (token.revokedAt() != null) {
			return;
		}
		Instant now = clock.instant();
		jdbc.sql("""
				update api_tokens set revoked_at = ?, revoked_by = ?, version = version + 1, updated_at = ?
				where id = ? and revoked_at is null
				""").params(Timestamp.from(now), actor.id(), Timestamp.from(now), id).update();
		audit.changed(AUDIT_TYPE, id, Map.of("revoked", "no"), Map.of("revoked", "yes"));
		SecurityLog.info("apiToken.revoked")
			.addKeyValue("user", token.userId())
			.addKeyValue("token", token.prefix())
			.addKeyValue("actor", actor.username())
			.log();
	}

	/** A user's own tokens, newest first, revoked ones included. */
	@Transactional(readOnly = true)
	public List<ApiTokenView> of(long userId) {
		return jdbc.sql(VIEW_SELECT + " where t.user_id = ? order by t.created_at desc, t.id desc")
			.param(userId)
			.query(VIEW)
			.list();
	}

	/** Every user's tokens that are still active, for admins. */
	@Transactional(readOnly = true)
	public List<ApiTokenView> allActive() {
		return jdbc
			.sql(VIEW_SELECT + " where t.revoked_at is null and (t.expires_at is null or t.expires_at > ?)"
					+ " order by lower(u.full_name), t.created_at desc, t.id desc")
			.param(Timestamp.from(clock.instant()))
			.query(VIEW)
			.list();
	}

	/**
	 * Who {@code presented} signs in, if it is a token of ours, neither revoked nor
	 * expired, of an enabled user: one statement, and a second only when the last use is
	 * over a minute old.
	 */
	@Transactional
	public Optional<TokenUser> authenticate(String presented) {
		if (presented == null || !presented.startsWith(MARK) || presented.length() > 100) {
			return Optional.empty();
		}
		Instant now = clock.instant();
		Optional<Found> found = jdbc.sql("""
				select t.id, t.scope, t.last_used_at, u.id as user_id, u.username, u.full_name, u.role, u.team_id,
				       u.locale, u.time_zone
				from api_tokens t join users u on u.id = t.user_id
				where t.secret_hash = ? and t.revoked_at is null and (t.expires_at is null or t.expires_at > ?)
				  and u.enabled and u.role <> 'CUSTOMER'
				""").params(hash(presented), Timestamp.from(now)).query((rs, n) -> {
			long teamId = rs.getLong("team_id");
			CrmUser user = new CrmUser(rs.getLong("user_id"), rs.getString("username"), rs.getString("full_name"),
					Role.valueOf(rs.getString("role")), rs.wasNull() ? null : teamId, "", true, rs.getString("locale"),
					rs.getString("time_zone"));
			return new Found(new TokenUser(rs.getLong("id"), user, TokenScope.valueOf(rs.getString("scope"))),
					instant(rs.getTimestamp("last_used_at")));
		}).optional();
		found.filter(f -> f.lastUsedAt() == null || !f.lastUsedAt().plus(LAST_USED_PRECISION).isAfter(now))
			.ifPresent(f -> jdbc.sql(
					"update api_tokens set last_used_at = ? where id = ? and (last_used_at is null or last_used_at < ?)")
				.params(Timestamp.from(now), f.user().tokenId(), Timestamp.from(now.minus(LAST_USED_PRECISION)))
				.update());
		return found.map(Found::user);
	}

	private record Found(TokenUser user, Instant lastUsedAt) {
	}

	static String hash(String token) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JVM has SHA-256", ex);
		}
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

}
