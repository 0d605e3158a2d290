package org.opencrm.core.shared;

import java.text.NumberFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A number format of the reader's locale, copied from one kept per locale: building one
 * with {@link NumberFormat#getNumberInstance(Locale)} looks up the locale's data and
 * parses its pattern each time, which was the largest own cost of rendering a report's
 * hundreds of cells (JFR, bench/load). Formats aren't thread-safe, so each caller gets
 * its own copy to set digits on.
 */
public final class LocaleNumbers {

	private static final Map<Locale, NumberFormat> TEMPLATES = new ConcurrentHashMap<>();

	private LocaleNumbers() {
	}

	public static NumberFormat numberFormat(Locale locale) {
		return (NumberFormat) TEMPLATES.computeIfAbsent(locale, NumberFormat::getNumberInstance).clone();
	}

}
