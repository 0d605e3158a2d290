package org.opencrm.web.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The run-time default database: real PostgreSQL binaries, data kept across restarts. */
class EmbeddedDatabaseTest {

	@Test
	void dataWrittenBeforeARestartIsThereAfterIt(@TempDir Path dir) throws Exception {
		try (EmbeddedPostgres pg = EmbeddedDatabase.start(dir, 0);
				Connection c = pg.getPostgresDatabase().getConnection();
				Statement st = c.createStatement()) {
			st.execute("create table survivor (name text)");
			st.execute("insert into survivor values ('still here')");
		}
		try (EmbeddedPostgres pg = EmbeddedDatabase.start(dir, 0);
				Connection c = pg.getPostgresDatabase().getConnection();
				Statement st = c.createStatement();
				ResultSet rs = st.executeQuery("select name from survivor")) {
			assertThat(rs.next()).isTrue();
			assertThat(rs.getString(1)).isEqualTo("still here");
		}
	}

	@Test
	void itRunsDurably(@TempDir Path dir) throws Exception {
		try (EmbeddedPostgres pg = EmbeddedDatabase.start(dir, 0);
				Connection c = pg.getPostgresDatabase().getConnection();
				Statement st = c.createStatement()) {
			assertThat(setting(st, "fsync")).isEqualTo("on");
			assertThat(setting(st, "synchronous_commit")).isEqualTo("on");
			assertThat(setting(st, "full_page_writes")).isEqualTo("on");
		}
	}

	/**
	 * After {@code kill -9} of the application its PostgreSQL runs on, holding the data
	 * directory: the next start stops it and starts again on the same data.
	 */
	@Test
	void anInstanceLeftRunningByAKilledApplicationIsStoppedAndTheDataKept(@TempDir Path dir) throws Exception {
		Process app = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), KilledApplication.class.getName(), dir.toString())
			.redirectErrorStream(true)
			.start();
		try (BufferedReader out = new BufferedReader(new InputStreamReader(app.getInputStream()))) {
			assertThat(out.lines().filter(KilledApplication.SAVED::equals).findFirst()).isPresent();
		}
		app.destroyForcibly().waitFor();
		ProcessHandle orphan = serverProcess(dir);
		assertThat(orphan.isAlive()).isTrue();

		try (EmbeddedPostgres pg = EmbeddedDatabase.start(dir, 0);
				Connection c = pg.getPostgresDatabase().getConnection();
				Statement st = c.createStatement();
				ResultSet rs = st.executeQuery("select name from survivor")) {
			assertThat(orphan.isAlive()).isFalse();
			assertThat(rs.next()).isTrue();
			assertThat(rs.getString(1)).isEqualTo("still here");
		}
	}

	/** An application that saves a row, says so and waits to be killed. */
	static class KilledApplication {

		static final String SAVED = "saved";

		public static void main(String[] args) throws Exception {
			EmbeddedPostgres pg = EmbeddedDatabase.start(Path.of(args[0]), 0);
			try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
				st.execute("create table survivor (name text)");
				st.execute("insert into survivor values ('still here')");
			}
			System.out.println(SAVED);
			Thread.sleep(600_000);
		}

	}

	private static ProcessHandle serverProcess(Path dir) throws Exception {
		long pid = Long.parseLong(Files.readAllLines(dir.resolve("postmaster.pid")).get(0).strip());
		return ProcessHandle.of(pid).orElseThrow();
	}

	private static String setting(Statement st, String name) throws Exception {
		try (ResultSet rs = st.executeQuery("show " + name)) {
			rs.next();
			return rs.getString(1);
		}
	}

	@Test
	void aConfiguredDatasourceStartsNothingAndLeavesDemoDataOff() {
		StandardEnvironment env = new StandardEnvironment();
		env.getPropertySources()
			.addFirst(
					new MapPropertySource("test", Map.of("spring.datasource.url", "jdbc:postgresql://db.example/crm")));
		new EmbeddedDatabase(new DeferredLogs()).postProcessEnvironment(env, new SpringApplication());
		assertThat(env.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://db.example/crm");
		assertThat(env.getProperty("crm.demo-data.enabled")).isNull();
	}

}
