package org.opencrm.web.dashboard;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * The dashboard's date range, both days inclusive. A range that can't be read, that ends
 * before it starts or that is longer than {@link #MAX_YEARS} years is replaced by the
 * default (the last {@link #DEFAULT_MONTHS} months) and {@code problem} names the message
 * to show.
 */
record DashboardRange(LocalDate from, LocalDate to, String problem) {

	static final int DEFAULT_MONTHS = 6;

	static final int MAX_YEARS = 3;

	static DashboardRange of(String from, String to, LocalDate today) {
		LocalDate end;
		LocalDate start;
		try {
			end = blank(to) ? today : LocalDate.parse(to.strip());
			start = blank(from) ? end.minusMonths(DEFAULT_MONTHS) : LocalDate.parse(from.strip());
		}
		catch (DateTimeParseException ex) {
			return byDefault(today, "dashboard.range.unreadable");
		}
		if (start.isAfter(end)) {
			return byDefault(today, "dashboard.range.reversed");
		}
		if (end.isAfter(start.plusYears(MAX_YEARS))) {
			return byDefault(today, "dashboard.range.tooLong");
		}
		return new DashboardRange(start, end, null);
	}

	private static DashboardRange byDefault(LocalDate today, String problem) {
		return new DashboardRange(today.minusMonths(DEFAULT_MONTHS), today, problem);
	}

	private static boolean blank(String s) {
		return s == null || s.isBlank();
	}

	long days() {
		return java.time.temporal.ChronoUnit.DAYS.between(from, to) + 1;
	}
}
