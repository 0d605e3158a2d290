package org.opencrm.test;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Points every Spring test context at {@link TestDatabase}. It runs after the
 * configuration files are read and before the application's own embedded-database
 * start-up, which then sees a configured datasource and starts nothing.
 */
public class TestDatabaseEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.getProperty("crm.test.own-database", Boolean.class, false)) {
			// The test brings its own database (TestDatabase.another()).
			return;
		}
		TestDatabase.Connection db = TestDatabase.get();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("crmTestDatabase", Map.of("spring.datasource.url", db.url(),
					"spring.datasource.username", db.username(), "spring.datasource.password", db.password(),
					// Test JVMs cache several contexts and run beside each other: small
					// pools
					// keep them under the server's connection limit.
					"spring.datasource.hikari.maximum-pool-size", "5", "spring.datasource.hikari.minimum-idle", "1")));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE - 100;
	}

}
