package org.opencrm.marketing;

import static org.assertj.core.api.Assertions.assertThat;

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
	}

	@Test
	void theDocumentedPropertyNamesAreRead() {
		MarketingSettings settings = bind(
				Map.of("crm.marketing.from", "news@example.com", "crm.marketing.reply-to", " help@example.com "));
		assertThat(settings.from()).isEqualTo("news@example.com");
		assertThat(settings.replyToOrNull()).isEqualTo("help@example.com");
	}

}
