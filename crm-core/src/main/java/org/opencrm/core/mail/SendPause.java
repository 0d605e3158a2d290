package org.opencrm.core.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * This node's view of the mail server: after a connection failure it stops claiming mail
 * for a while and then tries one batch (the probe); every further failure in a row
 * doubles the pause up to {@code maxPause}, the first accepted message ends it. So an
 * outage of any length costs a probe now and then, never the queued mails' attempts.
 */
class SendPause {

	private final Clock clock;

	private final Duration firstPause;

	private final Duration maxPause;

	private int failures;

	private Instant until = Instant.MIN;

	SendPause(Clock clock, Duration firstPause, Duration maxPause) {
		this.clock = clock;
		this.firstPause = firstPause;
		this.maxPause = maxPause;
	}

	synchronized boolean paused() {
		return clock.instant().isBefore(until);
	}

	/** A connection failed: pause (longer each time in a row); returns the pause. */
	synchronized Duration failed() {
		failures++;
		Duration pause = firstPause.multipliedBy(1L << Math.min(failures - 1, 20));
		if (pause.compareTo(maxPause) > 0 || pause.isNegative()) {
			pause = maxPause;
		}
		Instant next = clock.instant().plus(pause);
		if (next.isAfter(until)) {
			until = next;
		}
		return pause;
	}

	synchronized void succeeded() {
		failures = 0;
		until = Instant.MIN;
	}

	synchronized int failuresInARow() {
		return failures;
	}

}
