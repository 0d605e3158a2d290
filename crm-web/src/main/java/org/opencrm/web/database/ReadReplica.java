package org.opencrm.web.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streaming replica: its own small, read-only connection pool and a circuit. Reads
 * are routed here only while the last check found it reachable, in recovery (a standby)
 * and no more than {@code max-lag} behind; a read that can't get a connection opens the
 * circuit at once, and a probe every {@code probe-interval} closes it again. While open,
 * everything reads the primary.
 */
final class ReadReplica implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(ReadReplica.class);

	/** Set while routed work runs on this thread ({@link ReplicaRoutingDataSource}). */
	private static final ThreadLocal<Boolean> routed = new ThreadLocal<>();

	/**
	 * Replay lag: none when everything received is replayed (an idle primary sends
	 * nothing, so the last replayed commit may be old); else the age of the last replayed
	 * commit, an upper bound of how stale a read is.
	 */
	private static final String PROBE = """
			select pg_is_in_recovery(),
			       case when not pg_is_in_recovery() or pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() then 0
			            else coalesce(extract(epoch from now() - pg_last_xact_replay_timestamp()), 0) end
			""";

	enum State {

		/** Reads go here. */
		UP,
		/** Reachable but further behind than allowed. */
		LAGGING,
		/** Reachable but not a standby (promoted, or the primary's address). */
		NOT_A_REPLICA,
		/** Unreachable, or not checked yet. */
		DOWN

	}

	/** The circuit's state, why, and the lag seen by the last probe (seconds). */
	record Status(State state, String reason, double lagSeconds) {
	}

	private final HikariDataSource pool;

	private final Duration maxLag;

	private final Duration probeInterval;

	private final ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor(r -> {
		Thread t = new Thread(r, "replica-probe");
		t.setDaemon(true);
		return t;
	});

	private volatile Status status = new Status(State.DOWN, "not checked yet", 0);

	ReadReplica(ReplicaSettings settings, MeterRegistry meters) {
		HikariConfig config = new HikariConfig();
		config.setPoolName("replica");
		config.setJdbcUrl(settings.url());
		config.setUsername(settings.username());
		config.setPassword(settings.password());
		config.setMaximumPoolSize(settings.maximumPoolSize());
		config.setMinimumIdle(1);
		config.setReadOnly(true);
		config.setConnectionTimeout(Math.max(250, settings.connectionTimeout().toMillis()));
		config.setValidationTimeout(Math.max(250, Math.min(1000, settings.connectionTimeout().toMillis())));
		// Start even when the replica is down: the circuit answers from the primary.
		config.setInitializationFailTimeout(-1);
		config.addDataSourceProperty("ApplicationName", "opencrm-replica-reads");
		if (meters != null) {
			config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(meters));
		}
		this.pool = new HikariDataSource(config);
		this.maxLag = settings.maxLag();
		this.probeInterval = settings.probeInterval();
	}

	void start() {
		prober.scheduleWithFixedDelay(this::probe, 0, probeInterval.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** Checks reachability and lag now and sets the circuit accordingly. */
	void probe() {
		try (Connection c = pool.getConnection();
				Statement st = c.createStatement();
				ResultSet rs = st.executeQuery(PROBE)) {
			rs.next();
			boolean standby = rs.getBoolean(1);
			double lag = rs.getDouble(2);
			if (!standby) {
				change(new Status(State.NOT_A_REPLICA, "not in recovery", 0));
			}
			else if (lag * 1000 > maxLag.toMillis()) {
				change(new Status(State.LAGGING, "replay " + Math.round(lag) + " s behind (max " + maxLag + ")", lag));
			}
			else {
				change(new Status(State.UP, "streaming", lag));
			}
		}
		catch (SQLException | RuntimeException ex) {
			change(new Status(State.DOWN, String.valueOf(ex.getMessage()), 0));
		}
	}

	/** A routed read could not use the replica: primary until the next good probe. */
	void failed(Throwable ex) {
		change(new Status(State.DOWN, String.valueOf(ex.getMessage()), 0));
		// Its other pooled connections are most likely dead too.
		if (pool.getHikariPoolMXBean() != null) {
			pool.getHikariPoolMXBean().softEvictConnections();
		}
	}

	private void change(Status next) {
		Status before = this.status;
		this.status = next;
		if (before.state() != next.state()) {
			if (next.state() == State.UP) {
				log.info("Read replica UP: routed reads go to it");
			}
			else {
				log.warn("Read replica {}: {}; routed reads go to the primary until it recovers", next.state(),
						next.reason());
			}
		}
	}

	Status status() {
		return status;
	}

	boolean usable() {
		return status.state() == State.UP;
	}

	Connection connection() throws SQLException {
		return pool.getConnection();
	}

	/** Runs {@code work} with its new connections taken from the replica. */
	static <T> T routed(Supplier<T> work) {
		routed.set(Boolean.TRUE);
		try {
			return work.get();
		}
		finally {
			routed.remove();
		}
	}

	static boolean routing() {
		return routed.get() != null;
	}

	@Override
	public void close() {
		prober.shutdownNow();
		pool.close();
	}

}
