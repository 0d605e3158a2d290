package org.opencrm.web.task;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;

/** Where "snooze" moves a task's due time: later today, tomorrow morning, next Monday. */
public enum Snooze {

	IN_ONE_HOUR, TOMORROW, NEXT_WEEK;

	private static final LocalTime MORNING = LocalTime.of(9, 0);

	/** The new due time, seen from {@code now} in the user's {@code zone}. */
	public Instant from(Instant now, ZoneId zone) {
		ZonedDateTime here = now.atZone(zone);
		return switch (this) {
			case IN_ONE_HOUR -> now.plus(Duration.ofHours(1));
			case TOMORROW -> here.toLocalDate().plusDays(1).atTime(MORNING).atZone(zone).toInstant();
			case NEXT_WEEK -> here.toLocalDate()
				.with(TemporalAdjusters.next(DayOfWeek.MONDAY))
				.atTime(MORNING)
				.atZone(zone)
				.toInstant();
		};
	}

}
