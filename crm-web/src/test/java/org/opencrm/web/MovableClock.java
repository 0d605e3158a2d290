package org.opencrm.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The application's clock in web tests: the real time, unless a test moves it ahead (lockouts
 * that expire, links that age). A test that moves it puts it back with {@link #reset()}.
 */
public final class MovableClock extends Clock {

	private final Clock system = Clock.systemDefaultZone();

	private volatile Duration offset = Duration.ZERO;

	public void advance(Duration d) {
		offset = offset.plus(d);
	}

	public void reset() {
		offset = Duration.ZERO;
	}

	@Override
	public Instant instant() {
		return system.instant().plus(offset);
	}

	@Override
	public ZoneId getZone() {
		return system.getZone();
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return Clock.offset(system.withZone(zone), offset);
	}

	@TestConfiguration(proxyBeanMethods = false)
	public static class Config {

		@Bean
		@Primary
		MovableClock movableClock() {
			return new MovableClock();
		}
	}
}
