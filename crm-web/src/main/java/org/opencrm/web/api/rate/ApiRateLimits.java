package org.opencrm.web.api.rate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Fixed-window request counts per caller in the {@code api_rate} table: one upsert per
 * request that starts a new window or adds one to the current one and answers the count,
 * so two nodes count against the same limit and a request costs exactly one statement.
 * Windows are aligned to the epoch ({@code window} long), so every node agrees where one
 * starts; a node whose clock lags counts into the newer window another node already
 * began.
 */
@Service
@EnableConfigurationProperties(ApiRateSettings.class)
public class ApiRateLimits {

	/** The outcome of one request: whether it may go on, and what to tell the client. */
	public record Decision(boolean allowed, long limit, long remaining, long retryAfterSeconds) {
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	private final ApiRateSettings settings;

	public ApiRateLimits(JdbcClient jdbc, Clock clock, ApiRateSettings settings) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.settings = settings;
	}

	public boolean enabled() {
		return settings.enabled();
	}

	/**
	 * Counts one request of {@code subject} (at most 40 characters) and decides on it.
	 */
	public Decision hit(String subject) {
		Instant now = clock.instant();
		long windowMillis = settings.window().toMillis();
		Instant windowStart = Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), windowMillis) * windowMillis);
		Counted counted = jdbc.sql("""
				insert into api_rate as r (subject, window_start, hits) values (?, ?, 1)
				on conflict (subject) do update
				  set hits = case when excluded.window_start > r.window_start then 1 else r.hits + 1 end,
				      window_start = greatest(r.window_start, excluded.window_start)
				returning hits, window_start
				""")
			.params(subject, Timestamp.from(windowStart))
			.query((rs, n) -> new Counted(rs.getLong(1), rs.getTimestamp(2).toInstant()))
			.single();
		long limit = settings.requests();
		long remaining = Math.max(0, limit - counted.hits());
		long untilNext = counted.windowStart().toEpochMilli() + windowMillis - now.toEpochMilli();
		long retryAfter = Math.max(1, (untilNext + 999) / 1000);
		return new Decision(counted.hits() <= limit, limit, remaining, retryAfter);
	}

	private record Counted(long hits, Instant windowStart) {
	}

}
