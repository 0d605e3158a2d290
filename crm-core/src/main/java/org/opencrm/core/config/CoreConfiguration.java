package org.opencrm.core.config;

import java.time.Clock;
import java.util.Optional;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.auditing.DateTimeProvider;
import org.springframework.data.jpa.repository.config.EnableJpaAuditing;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration(proxyBeanMethods = false)
@EnableJpaAuditing(dateTimeProviderRef = "auditingTime")
@EnableConfigurationProperties(CrmSettings.class)
class CoreConfiguration {

	@Bean
	PasswordEncoder passwordEncoder() {
		return new BCryptPasswordEncoder();
	}

	/**
	 * Time comes from one injectable clock; tests replace it with a {@code @Primary}
	 * fixed one. Its zone is the reader's within a request, else the install's
	 * ({@code crm.time-zone}).
	 */
	@Bean
	Clock clock(CrmSettings settings) {
		return new ReaderZoneClock(Clock.system(settings.zone()));
	}

	/**
	 * Entities' created/updated times ({@code BaseEntity}) from the same clock, so a
	 * test's fixed time shows.
	 */
	@Bean
	DateTimeProvider auditingTime(Clock clock) {
		return () -> Optional.of(clock.instant());
	}

}
