package org.opencrm.test;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Points every Spring test context at {@link TestDatabase}. It runs after the configuration files
 * are read and before the application's own embedded-database start-up, which then sees a
 * configured datasource and starts nothing.
 */
public class TestDatabaseEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		TestDatabase.Connection db = TestDatabase.get();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("crmTestDatabase",
					Map.of("spring.datasource.url", db.url(), "spring.datasource.username", db.username(),
							"spring.datasource.password", db.password())));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE - 100;
	}
}
