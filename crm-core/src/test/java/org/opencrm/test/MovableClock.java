package org.opencrm.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.opencrm.core.shared.ReaderZone;

/**
 * The application's clock in tests, which tests set and move: lockouts that expire, links
 * that age, SLA times checked at exact moments. {@link #running} follows the real time
 * until a test moves or sets it; {@link #fixedAt} stands still until a test does.
 * {@link #reset()} puts it back as made.
 */
public final class MovableClock extends Clock {

	private final ZoneId zone;

	/** Where {@link #reset()} returns to; null for the real time. */
	private final Instant start;

	/** The instant a set or fixed clock shows; null while it follows the real time. */
	private volatile Instant fixed;

	/** How far a running clock is ahead of the real time. */
	private volatile Duration offset = Duration.ZERO;

	private MovableClock(Instant start, ZoneId zone) {
		this.start = start;
		this.zone = zone;
		this.fixed = start;
	}

	/** The real time in {@code zone}, until a test moves or sets it. */
	public static MovableClock running(ZoneId zone) {
		return new MovableClock(null, zone);
	}

	/** Stands at {@code start} (UTC) until a test moves or sets it. */
	public static MovableClock fixedAt(Instant start) {
		return new MovableClock(start, ZoneOffset.UTC);
	}

	/** Stops the clock at {@code instant}. */
	public synchronized void set(Instant instant) {
		fixed = instant;
		offset = Duration.ZERO;
	}

	/** Moves the clock ahead; a running clock keeps running. */
	public synchronized void advance(Duration d) {
		if (fixed != null) {
			fixed = fixed.plus(d);
		}
		else {
			offset = offset.plus(d);
		}
	}

	/** Back to how the clock was made: the real time, or its start. */
	public synchronized void reset() {
		fixed = start;
		offset = Duration.ZERO;
	}

	@Override
	public Instant instant() {
		Instant f = fixed;
		return f != null ? f : Instant.now().plus(offset);
	}

	/**
	 * As the application's clock: the zone of the person a request serves, else this
	 * clock's.
	 */
	@Override
	public ZoneId getZone() {
		return ReaderZone.or(zone);
	}

	/** The time now, in another zone (not moved by later calls on this clock). */
	@Override
	public Clock withZone(ZoneId other) {
		Instant f = fixed;
		return f != null ? Clock.fixed(f, other) : Clock.offset(Clock.system(other), offset);
	}

}
