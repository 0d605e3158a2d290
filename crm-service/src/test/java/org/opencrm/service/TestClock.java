package org.opencrm.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock tests set and move forward, so SLA times can be checked at exact moments. */
public final class TestClock extends Clock {

	/** Monday 23 November 2026, 10:00 UTC: where appointment and CSAT tests start. */
	public static final Instant START = Instant.parse("2026-11-23T10:00:00Z");

	private volatile Instant now = Instant.parse("2030-03-15T10:00:00Z");

	public void set(Instant instant) {
		now = instant;
	}

	public void advance(Duration d) {
		now = now.plus(d);
	}

	@Override
	public Instant instant() {
		return now;
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}
}
