package org.opencrm.web.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * Durations (a report's time to resolve, to first reply) in their two largest units, the
 * units' names from the message bundle of the reader's language.
 */
class FormatsDurationTest {

	private final Formats fmt = new Formats(Clock.systemUTC(), messages());

	@AfterEach
	void resetLocale() {
		LocaleContextHolder.resetLocaleContext();
	}

	@Test
	void inEnglish() {
		LocaleContextHolder.setLocale(Locale.ENGLISH);
		assertThat(fmt.duration(Duration.ofMinutes(45))).isEqualTo("45 min");
		assertThat(fmt.duration(Duration.ofMinutes(200))).isEqualTo("3 h 20 min");
		assertThat(fmt.duration(Duration.ofHours(5))).isEqualTo("5 h");
		assertThat(fmt.duration(Duration.ofHours(52))).isEqualTo("2 d 4 h");
		assertThat(fmt.duration(Duration.ofHours(48))).isEqualTo("2 d");
		assertThat(fmt.duration(Duration.ofDays(1500))).isEqualTo("1500 d");
	}

	@Test
	void inGerman() {
		LocaleContextHolder.setLocale(Locale.GERMAN);
		assertThat(fmt.duration(Duration.ofMinutes(45))).isEqualTo("45 Min.");
		assertThat(fmt.duration(Duration.ofMinutes(200))).isEqualTo("3 Std. 20 Min.");
		assertThat(fmt.duration(Duration.ofHours(52))).isEqualTo("2 Tg. 4 Std.");
		assertThat(fmt.duration(Duration.ofHours(48))).isEqualTo("2 Tg.");
	}

	private static ResourceBundleMessageSource messages() {
		ResourceBundleMessageSource source = new ResourceBundleMessageSource();
		source.setBasename("messages");
		source.setDefaultEncoding("UTF-8");
		source.setFallbackToSystemLocale(false);
		return source;
	}

}
