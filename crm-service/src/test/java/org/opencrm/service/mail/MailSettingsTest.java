package org.opencrm.service.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class MailSettingsTest {

	private static MailSettings bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("crm.mail",
				Bindable.of(MailSettings.class));
	}

	@Test
	void withNothingSetNoMailboxIsPolledAndMailGoesOutFromTheSupportAddress() {
		MailSettings settings = bind(Map.of());
		assertThat(settings.inboundConfigured()).isFalse();
		assertThat(settings.inbound().protocol()).isEqualTo("imap");
		assertThat(settings.inbound().port()).isEqualTo(143);
		assertThat(settings.sender()).isEqualTo("support@opencrm.local");
		assertThat(settings.domain()).isEqualTo("opencrm.local");
	}

	@Test
	void theDocumentedPropertyNamesAreRead() {
		MailSettings settings = bind(Map.of("crm.mail.inbound.protocol", "imaps", "crm.mail.inbound.host",
				"mail.example.com", "crm.mail.inbound.port", "993", "crm.mail.inbound.username", "help",
				"crm.mail.inbound.password", "secret", "crm.mail.inbound.address", "Help@Example.com"));
		assertThat(settings.inbound()).isEqualTo(
				new MailSettings.Inbound("imaps", "mail.example.com", 993, "help", "secret", "help@example.com"));
		assertThat(settings.sender()).isEqualTo("help@example.com");
		assertThat(bind(Map.of("crm.mail.from", "crm@example.com")).sender()).isEqualTo("crm@example.com");
	}

}
