package org.opencrm.test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.boot.SpringApplication;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The one real PostgreSQL a test JVM uses, chosen once:
 * <ol>
 * <li>{@code CRM_TEST_DB_URL} set (CI: the machine's server): a fresh database is created
 * on that server for this run and dropped when the JVM ends;</li>
 * <li>else Testcontainers, when a Docker engine answers;</li>
 * <li>else an embedded PostgreSQL from Maven Central's binaries, in a temporary
 * directory.</li>
 * </ol>
 * Which one ran is printed, so a test log always says what it tested against.
 */
public final class TestDatabase {

	/**
	 * JDBC URL, user and password of the database the tests use, and where it came from.
	 */
	public record Connection(String url, String username, String password, String source) {
	}

	private static Connection instance;

	private TestDatabase() {
	}

	public static synchronized Connection get() {
		if (instance == null) {
			instance = start();
			System.out
				.println("[crm-test] PostgreSQL for this test run: " + instance.source() + " -> " + instance.url());
		}
		return instance;
	}

	/**
	 * A second, empty database on the same server, for a context that must start on
	 * nothing (set {@code crm.test.own-database=true} and point
	 * {@code spring.datasource.*} at it). Dropped at exit.
	 */
	public static synchronized Connection another() {
		Connection first = get();
		return freshDatabaseOn(first.url(), first.username(), first.password());
	}

	private static Connection start() {
		String url = System.getenv("CRM_TEST_DB_URL");
		if (url != null && !url.isBlank()) {
			return freshDatabaseOn(url.trim(), envOr("CRM_TEST_DB_USER", "postgres"),
					envOr("CRM_TEST_DB_PASSWORD", ""));
		}
		if (dockerAvailable()) {
			PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
			container.start();
			return new Connection(container.getJdbcUrl(), container.getUsername(), container.getPassword(),
					"Testcontainers (postgres:17-alpine)");
		}
		try {
			EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
			afterSpringContextsClose(() -> {
				try {
					pg.close();
				}
				catch (Exception ignored) {
					// the JVM is ending anyway
				}
			});
			return new Connection(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres",
					"embedded PostgreSQL (zonky binaries)");
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not start embedded PostgreSQL for the tests", ex);
		}
	}

	/**
	 * Creates {@code crm_test_<time>_<random>} on the given server and points the tests
	 * at it.
	 */
	private static Connection freshDatabaseOn(String serverUrl, String user, String password) {
		String name = "crm_test_" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss")) + "_"
				+ ThreadLocalRandom.current().nextInt(100_000, 999_999);
		try (java.sql.Connection c = DriverManager.getConnection(serverUrl, user, password);
				Statement st = c.createStatement()) {
			dropLeftOvers(st);
			st.execute("create database " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("CRM_TEST_DB_URL is set but the server at " + serverUrl
					+ " refused to create a test database: " + ex.getMessage(), ex);
		}
		afterSpringContextsClose(() -> {
			try (java.sql.Connection c = DriverManager.getConnection(serverUrl, user, password);
					Statement st = c.createStatement()) {
				// Not "with (force)": a context that is still closing keeps its
				// connections, the drop
				// fails, and the next run removes the left-over (see dropLeftOvers).
				st.execute("drop database if exists " + name);
			}
			catch (SQLException ignored) {
				// a left-over test database is harmless; its name says when it was made
			}
		});
		return new Connection(withDatabase(serverUrl, name), user, password,
				"CRM_TEST_DB_URL server, fresh database " + name);
	}

	/**
	 * Drops test databases that earlier runs left behind (a context still closing when
	 * its JVM's drop ran), once they are two hours old: no test JVM runs that long, so
	 * none is in use.
	 */
	private static void dropLeftOvers(Statement st) throws SQLException {
		String cutoff = LocalDateTime.now().minusHours(2).format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss"));
		java.util.List<String> old = new java.util.ArrayList<>();
		try (java.sql.ResultSet rs = st
			.executeQuery("select datname from pg_database where datname ~ '^crm_test_[0-9]{8}_[0-9]{6}_[0-9]+$'")) {
			while (rs.next()) {
				String db = rs.getString(1);
				if (db.substring("crm_test_".length(), "crm_test_".length() + 15).compareTo(cutoff) < 0) {
					old.add(db);
				}
			}
		}
		for (String db : old) {
			try {
				st.execute("drop database if exists " + db + " with (force)");
			}
			catch (SQLException ignored) {
				// someone else dropped it first
			}
		}
	}

	/**
	 * Runs clean-up at JVM exit, but only after Spring Boot has closed the cached test
	 * contexts. A plain shutdown hook races them: JVM hooks run concurrently, and a
	 * context closing against a dropped database (e.g. the event publication registry
	 * listing unfinished publications) waits out the pool's 30 s connection timeout,
	 * which surefire reports as a fork that would not exit.
	 */
	private static void afterSpringContextsClose(Runnable cleanUp) {
		SpringApplication.getShutdownHandlers().add(cleanUp);
	}

	/** The same server URL (and parameters) naming another database. */
	static String withDatabase(String url, String database) {
		int query = url.indexOf('?');
		String base = query < 0 ? url : url.substring(0, query);
		String params = query < 0 ? "" : url.substring(query);
		int slash = base.indexOf('/', "jdbc:postgresql://".length());
		String server = slash < 0 ? base : base.substring(0, slash);
		return server + "/" + database + params;
	}

	private static boolean dockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (Throwable ex) {
			return false;
		}
	}

	private static String envOr(String name, String fallback) {
		String v = System.getenv(name);
		return v == null || v.isBlank() ? fallback : v;
	}

}
