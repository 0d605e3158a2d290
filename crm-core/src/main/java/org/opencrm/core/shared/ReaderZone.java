package org.opencrm.core.shared;

import java.time.ZoneId;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.i18n.TimeZoneAwareLocaleContext;

/**
 * The time zone of the person the current request serves: their own setting, else the
 * install's, as the web layer's locale resolver put it in {@link LocaleContextHolder}.
 * Outside a request (scheduled work, listeners after commit) there is none and the
 * caller's fallback applies.
 */
public final class ReaderZone {

	private ReaderZone() {
	}

	/** The reader's zone, else {@code fallback}. */
	public static ZoneId or(ZoneId fallback) {
		LocaleContext context = LocaleContextHolder.getLocaleContext();
		if (context instanceof TimeZoneAwareLocaleContext zoned && zoned.getTimeZone() != null) {
			return zoned.getTimeZone().toZoneId();
		}
		return fallback;
	}

}
