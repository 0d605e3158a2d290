package org.opencrm.web.api.rate;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The JSON API's request limit ({@code crm.api.rate-limit.*}): at most {@code requests}
 * per {@code window} for each personal token, and for each user signing in with HTTP
 * Basic. Counted in PostgreSQL, so it holds across every node behind the proxy.
 */
@ConfigurationProperties("crm.api.rate-limit")
public record ApiRateSettings(@DefaultValue("true") boolean enabled, @DefaultValue("600") int requests,
		@DefaultValue("1m") Duration window) {

	public ApiRateSettings {
		if (requests < 1) {
			throw new IllegalArgumentException("crm.api.rate-limit.requests must be at least 1");
		}
		if (window.toSeconds() < 1) {
			throw new IllegalArgumentException("crm.api.rate-limit.window must be at least one second");
		}
	}

}
