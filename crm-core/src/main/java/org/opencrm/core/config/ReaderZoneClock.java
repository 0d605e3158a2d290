package org.opencrm.core.config;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.opencrm.core.shared.ReaderZone;

/**
 * The application's clock: the instant of {@code base}, and as its zone the zone of the
 * person the current request serves ({@link ReaderZone}), else the install's. So "today",
 * "this quarter" and a date typed into a filter mean the reader's day wherever a module
 * asks {@code LocalDate.now(clock)} or {@code clock.getZone()} within a request, and the
 * install's day in scheduled work.
 */
final class ReaderZoneClock extends Clock {

	private final Clock base;

	ReaderZoneClock(Clock base) {
		this.base = base;
	}

	@Override
	public ZoneId getZone() {
		return ReaderZone.or(base.getZone());
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return base.withZone(zone);
	}

	@Override
	public Instant instant() {
		return base.instant();
	}

	@Override
	public long millis() {
		return base.millis();
	}

}
