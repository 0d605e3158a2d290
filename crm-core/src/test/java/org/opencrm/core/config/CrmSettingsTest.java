package org.opencrm.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class CrmSettingsTest {

	private static CrmSettings bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("crm",
				Bindable.of(CrmSettings.class));
	}

	@Test
	void mailLinksStartAtLocalhostUnlessABaseUrlIsSet() {
		assertThat(bind(Map.of()).link("/u/x")).isEqualTo("http://localhost:8080/u/x");
		assertThat(bind(Map.of("crm.base-url", "https://crm.example.com/")).link("/u/x"))
			.isEqualTo("https://crm.example.com/u/x");
	}

	@Test
	void theInstallsTimeZoneIsTheServersUnlessOneIsSetAndAnUnknownOneStopsTheStart() {
		assertThat(bind(Map.of()).zone()).isEqualTo(java.time.ZoneId.systemDefault());
		assertThat(bind(Map.of("crm.time-zone", "Asia/Tokyo")).zone()).isEqualTo(java.time.ZoneId.of("Asia/Tokyo"));
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> bind(Map.of("crm.time-zone", "Mars/Olympus")))
			.hasRootCauseInstanceOf(java.time.DateTimeException.class);
	}

}
