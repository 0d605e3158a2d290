package org.opencrm.web.system;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * The default database: when no {@code spring.datasource.url} is configured, start a real
 * PostgreSQL from the binaries on the classpath, keeping its data in
 * {@code crm.embedded-db.dir} (default {@code ./data/postgres}) so a restart loses
 * nothing, and turn demo data on unless told otherwise. With a datasource configured this
 * does nothing. The binaries are a development dependency: {@code spring-boot:run} and
 * the tests have them, the packaged jar (and the image) does not, so there the app
 * refuses to start without {@code spring.datasource.url}.
 */
public class EmbeddedDatabase implements EnvironmentPostProcessor, Ordered {

	static final String LIBRARY = "io.zonky.test.db.postgres.embedded.EmbeddedPostgres";

	private final Log log;

	/**
	 * Logging isn't set up yet when this runs: Boot hands over a log that replays later.
	 */
	public EmbeddedDatabase(DeferredLogFactory logFactory) {
		this.log = logFactory.getLog(EmbeddedDatabase.class);
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
		if (env.containsProperty("spring.datasource.url")
				|| !env.getProperty("crm.embedded-db.enabled", Boolean.class, true)) {
			return;
		}
		if (!ClassUtils.isPresent(LIBRARY, EmbeddedDatabase.class.getClassLoader())) {
			throw new NoDatabaseException();
		}
		Path dir = Path.of(env.getProperty("crm.embedded-db.dir", "data/postgres")).toAbsolutePath();
		int port = env.getProperty("crm.embedded-db.port", Integer.class, 0);
		EmbeddedPostgres pg = start(dir, port);
		// Stop PostgreSQL only after the application context (and its connection pool)
		// has closed.
		SpringApplication.getShutdownHandlers().add(() -> {
			try {
				pg.close();
			}
			catch (IOException ex) {
				System.err.println("Embedded PostgreSQL did not stop cleanly: " + ex.getMessage());
			}
		});
		log.info("Embedded PostgreSQL started on port " + pg.getPort() + " with data in " + dir);
		env.getPropertySources()
			.addFirst(new MapPropertySource("crmEmbeddedDatabase",
					Map.of("spring.datasource.url", pg.getJdbcUrl("postgres", "postgres"), "spring.datasource.username",
							"postgres", "spring.datasource.password", "postgres")));
		env.getPropertySources()
			.addLast(new MapPropertySource("crmEmbeddedDefaults", Map.of("crm.demo-data.enabled", "true")));
	}

	/**
	 * Starts PostgreSQL on {@code dir}, durably (fsync and synchronous commit on: a
	 * confirmed save survives a crash or power cut; the library's defaults turn both
	 * off). It is stopped by the caller, after the application context has closed, not by
	 * the library's own shutdown hook, which used to stop it under the running
	 * application (a 30 s hang and connection errors on every stop). An instance left
	 * running on the same directory by a killed application is stopped first, since a
	 * second one can't start there.
	 */
	static EmbeddedPostgres start(Path dir, int port) {
		try {
			Files.createDirectories(dir);
			stopOrphan(dir);
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
				.setDataDirectory(dir)
				.setCleanDataDirectory(false)
				.setRegisterShutdownHook(false)
				.setServerConfig("fsync", "on")
				.setServerConfig("synchronous_commit", "on")
				.setServerConfig("full_page_writes", "on");
			if (port > 0) {
				builder.setPort(port);
			}
			return builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dir
					+ " (is another instance using it? set crm.embedded-db.dir or SPRING_DATASOURCE_URL)", ex);
		}
	}

	/**
	 * Stops the PostgreSQL whose process id {@code postmaster.pid} names, if it is still
	 * running: after {@code kill -9} of the application its database lives on and holds
	 * the directory. SIGTERM (a smart shutdown) ends it cleanly: no client is left to
	 * wait for.
	 */
	static void stopOrphan(Path dir) throws IOException {
		Path pidFile = dir.resolve("postmaster.pid");
		if (!Files.exists(pidFile)) {
			return;
		}
		List<String> lines = Files.readAllLines(pidFile);
		if (lines.isEmpty() || !lines.get(0).strip().matches("\\d+")) {
			return;
		}
		Optional<ProcessHandle> orphan = ProcessHandle.of(Long.parseLong(lines.get(0).strip()))
			.filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false));
		if (orphan.isPresent()) {
			orphan.get().destroy();
			try {
				orphan.get().onExit().get(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException("Interrupted while stopping the embedded PostgreSQL left running", ex);
			}
			catch (ExecutionException | TimeoutException ex) {
				throw new IOException("The embedded PostgreSQL left running (process " + orphan.get().pid()
						+ ") did not stop within 30 s", ex);
			}
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	/**
	 * Neither a database URL nor the embedded PostgreSQL library: the packaged jar
	 * started without {@code SPRING_DATASOURCE_URL}. {@link NoDatabaseFailureAnalyzer}
	 * says what to do.
	 */
	static final class NoDatabaseException extends IllegalStateException {

		NoDatabaseException() {
			super("No spring.datasource.url and no embedded PostgreSQL library (" + LIBRARY + ") on the classpath");
		}

	}

}
