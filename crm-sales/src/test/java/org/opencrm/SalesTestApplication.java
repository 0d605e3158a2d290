package org.opencrm;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Boots crm-sales with crm-core (package org.opencrm, so core's entities are scanned too)
 * for the module's own tests, on a fixed clock so every test shares one context and knows
 * what "today" is.
 */
@SpringBootApplication
@TestComponent
public class SalesTestApplication {

	/** Thursday 14 November 2030, 10:00 UTC: in the fourth quarter, mid-month. */
	public static final Instant NOW = Instant.parse("2030-11-14T10:00:00Z");

	/**
	 * Named differently from core's {@code clock} so it wins injection without bean
	 * overriding.
	 */
	@Bean
	@Primary
	Clock fixedClock() {
		return Clock.fixed(NOW, ZoneOffset.UTC);
	}

}
