package org.opencrm.marketing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class MarketingSettingsTest {

	private static MarketingSettings bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("crm.marketing",
				Bindable.of(MarketingSettings.class));
	}

	@Test
	void unsetSettingsKeepTheirDefaults() {
		MarketingSettings settings = bind(Map.of());
		assertThat(settings.from()).isEqualTo("marketing@opencrm.local");
		assertThat(settings.replyToOrNull()).isNull();
		assertThat(settings.send())
			.isEqualTo(new MarketingSettings.Send(2, 100, 5, Duration.ofMinutes(5), Duration.ofSeconds(30)));
	}

	@Test
	void theDocumentedPropertyNamesAreRead() {
		MarketingSettings settings = bind(Map.of("crm.marketing.from", "news@example.com", "crm.marketing.reply-to",
				" help@example.com ", "crm.marketing.send.threads", "4", "crm.marketing.send.batch-size", "50",
				"crm.marketing.send.max-attempts", "3", "crm.marketing.send.lease", "2m", "crm.marketing.send.backoff",
				"PT10S"));
		assertThat(settings.from()).isEqualTo("news@example.com");
		assertThat(settings.replyToOrNull()).isEqualTo("help@example.com");
		assertThat(settings.send())
			.isEqualTo(new MarketingSettings.Send(4, 50, 3, Duration.ofMinutes(2), Duration.ofSeconds(10)));
	}

}
