package org.opencrm.marketing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The application's clock in marketing tests: real time unless a test fixes it (reset before each test). */
public class MutableClock extends Clock {

	private volatile Instant fixed;

	public void set(Instant instant) {
		this.fixed = instant;
	}

	public void advance(Duration d) {
		this.fixed = instant().plus(d);
	}

	public void reset() {
		this.fixed = null;
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

	@Override
	public Instant instant() {
		Instant f = fixed;
		return f != null ? f : Instant.now();
	}
}
