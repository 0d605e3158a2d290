package org.opencrm.web.integration;

import org.opencrm.test.TestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The database of the {@code @ApplicationModuleTest} scenarios: a second, empty one on
 * the test run's server, shared by those tests. They create their own users and
 * pipelines, which on the shared database would keep the demo company from loading for
 * the {@code @WebIntegrationTest}s that come after them. Use with
 * {@code @TestPropertySource(properties = { "crm.test.own-database=true",
 * "crm.embedded-db.enabled=false" })}.
 */
public final class ScenarioDatabase {

	private static TestDatabase.Connection database;

	private ScenarioDatabase() {
	}

	public static void register(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> database().url());
		registry.add("spring.datasource.username", () -> database().username());
		registry.add("spring.datasource.password", () -> database().password());
		registry.add("spring.datasource.hikari.maximum-pool-size", () -> "3");
	}

	private static synchronized TestDatabase.Connection database() {
		if (database == null) {
			database = TestDatabase.another();
		}
		return database;
	}

}
