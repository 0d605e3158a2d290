package org.opencrm.service.appointment;

import java.time.LocalDate;

/**
 * How a booking repeats: every week or every month (same day, or the month's last day
 * when it is shorter), ending after {@code count} occurrences or on {@code until}
 * (inclusive), never more than {@link #MAX_OCCURRENCES}.
 */
public record Recurrence(Frequency frequency, Integer count, LocalDate until) {

	public static final int MAX_OCCURRENCES = 52;

	public enum Frequency {

		WEEKLY, MONTHLY

	}
}
