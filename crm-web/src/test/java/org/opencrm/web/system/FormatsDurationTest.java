package org.opencrm.web.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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

	@ParameterizedTest
	@CsvSource({ "en, 45, 45 min", "en, 200, 3 h 20 min", "en, 300, 5 h", "en, 3120, 2 d 4 h", "en, 2880, 2 d",
			"en, 2160000, 1500 d", "de, 45, 45 Min.", "de, 200, 3 Std. 20 Min.", "de, 3120, 2 Tg. 4 Std.",
			"de, 2880, 2 Tg." })
	void inTheReadersLanguage(String language, long minutes, String shown) {
		LocaleContextHolder.setLocale(Locale.forLanguageTag(language));
		assertThat(fmt.duration(Duration.ofMinutes(minutes))).isEqualTo(shown);
	}

	private static ResourceBundleMessageSource messages() {
		ResourceBundleMessageSource source = new ResourceBundleMessageSource();
		source.setBasename("messages");
		source.setDefaultEncoding("UTF-8");
		source.setFallbackToSystemLocale(false);
		return source;
	}

}
