package org.opencrm.service.sla;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/**
 * A business calendar: its week (one opening window per day, or closed) and its holidays.
 */
public record CalendarView(long id, String name, String timeZone, List<Day> week, List<Holiday> holidays,
		long version) {

	public record Day(DayOfWeek day, LocalTime start, LocalTime end) {

		public boolean open() {
			return start != null;
		}
	}

	public record Holiday(long id, LocalDate day, String name) {
	}
}
