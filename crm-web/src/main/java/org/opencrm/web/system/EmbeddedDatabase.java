package org.opencrm.web.system;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The default database: when no {@code spring.datasource.url} is configured, start a real
 * PostgreSQL from the binaries on the classpath, keeping its data in
 * {@code crm.embedded-db.dir} (default {@code ./data/postgres}) so a restart loses
 * nothing, and turn demo data on unless told otherwise. With a datasource configured this
 * does nothing.
 */
public class EmbeddedDatabase implements EnvironmentPostProcessor, Ordered {

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

	static EmbeddedPostgres start(Path dir, int port) {
		try {
			Files.createDirectories(dir);
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
				.setDataDirectory(dir)
				.setCleanDataDirectory(false);
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

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
