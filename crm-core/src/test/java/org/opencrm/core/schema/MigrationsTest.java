package org.opencrm.core.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest
class MigrationsTest {

	@Autowired
	JdbcClient jdbc;

	@Test
	void flywayCreatesTheCoreSchemaOnRealPostgresql() {
		var tables = jdbc.sql("select table_name from information_schema.tables where table_schema = 'public'")
			.query(String.class)
			.list();
		assertThat(tables).contains("accounts", "contacts", "interactions", "tasks", "audit_log", "users", "teams",
				"event_publication", "flyway_schema_history");
		var failed = jdbc.sql("select count(*) from flyway_schema_history where not success")
			.query(Long.class)
			.single();
		assertThat(failed).isZero();
		assertThat(jdbc.sql("select extname from pg_extension").query(String.class).list()).contains("pg_trgm");
	}

	@Test
	void everyMutableTableHasVersionAndTimestamps() {
		for (String table : new String[] { "accounts", "contacts", "interactions", "tasks", "users", "teams" }) {
			var columns = jdbc.sql("select column_name from information_schema.columns where table_name = ?")
				.param(table)
				.query(String.class)
				.list();
			assertThat(columns).as(table).contains("version", "created_at", "updated_at");
		}
	}

}
