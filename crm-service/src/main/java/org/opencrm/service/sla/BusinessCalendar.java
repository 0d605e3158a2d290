package org.opencrm.service.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Business time: a week schedule of opening windows in a time zone, minus holidays. SLA
 * targets are counted in its minutes, so a four-hour target set on Friday afternoon falls
 * due on Monday.
 */
public record BusinessCalendar(ZoneId zone, Map<DayOfWeek, List<Window>> week, Set<LocalDate> holidays) {

	/**
	 * How far ahead a due time is searched before giving up (a calendar with no open
	 * hours).
	 */
	private static final int MAX_DAYS = 3 * 366;

	public record Window(LocalTime start, LocalTime end) {
	}

	public BusinessCalendar {
		week = Map.copyOf(week);
		holidays = Set.copyOf(holidays);
	}

	/**
	 * The instant {@code minutes} business minutes after {@code start}; null if the
	 * calendar never opens.
	 */
	public Instant plusBusinessMinutes(Instant start, long minutes) {
		long remainingSeconds = minutes * 60;
		LocalDate day = start.atZone(zone).toLocalDate();
		for (int i = 0; i < MAX_DAYS; i++, day = day.plusDays(1)) {
			if (holidays.contains(day)) {
				continue;
			}
			for (Window w : week.getOrDefault(day.getDayOfWeek(), List.of())) {
				Instant from = ZonedDateTime.of(day, w.start(), zone).toInstant();
				Instant to = ZonedDateTime.of(day, w.end(), zone).toInstant();
				if (!to.isAfter(start)) {
					continue;
				}
				if (from.isBefore(start)) {
					from = start;
				}
				long available = Duration.between(from, to).toSeconds();
				if (remainingSeconds <= available) {
					return from.plusSeconds(remainingSeconds);
				}
				remainingSeconds -= available;
			}
		}
		return null;
	}

	/**
	 * Whole business minutes between two instants (0 if {@code to} is not after
	 * {@code from}).
	 */
	public long businessMinutesBetween(Instant from, Instant to) {
		if (!to.isAfter(from)) {
			return 0;
		}
		long seconds = 0;
		LocalDate last = to.atZone(zone).toLocalDate();
		for (LocalDate day = from.atZone(zone).toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
			if (holidays.contains(day)) {
				continue;
			}
			for (Window w : week.getOrDefault(day.getDayOfWeek(), List.of())) {
				Instant a = ZonedDateTime.of(day, w.start(), zone).toInstant();
				Instant b = ZonedDateTime.of(day, w.end(), zone).toInstant();
				Instant s = a.isBefore(from) ? from : a;
				Instant e = b.isAfter(to) ? to : b;
				if (e.isAfter(s)) {
					seconds += Duration.between(s, e).toSeconds();
				}
			}
		}
		return seconds / 60;
	}
}
