package org.opencrm.web.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
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
