package org.opencrm.core.report;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import org.opencrm.core.shared.RuleViolationException;

/**
 * The standard filter of every report: a date range (both days included), a team and a user
 * (null: any). Dates left out are filled in by {@link #withDefaults}: up to today, over the last
 * twelve whole months. A range that ends before it starts, or spans more than {@value #MAX_YEARS}
 * years, is refused when the filter is made.
 */
public record ReportFilter(LocalDate from, LocalDate to, Long teamId, Long userId) {

	public static final int MAX_YEARS = 5;

	public ReportFilter {
		if (from != null && to != null) {
			if (from.isAfter(to)) {
				throw new RuleViolationException("report.filter.fromAfterTo", "The start date is after the end date.",
						from, to);
			}
			if (from.plusYears(MAX_YEARS).isBefore(to)) {
				throw new RuleViolationException("report.filter.rangeTooLong",
						"A report covers at most " + MAX_YEARS + " years.", MAX_YEARS);
			}
		}
	}

	public static ReportFilter none() {
		return new ReportFilter(null, null, null, null);
	}

	/** This filter with its missing dates filled in: {@code to} today, {@code from} twelve whole months before. */
	public ReportFilter withDefaults(LocalDate today) {
		LocalDate end = to != null ? to : from != null && from.isAfter(today) ? from : today;
		LocalDate start = from != null ? from : end.minusMonths(11).withDayOfMonth(1);
		return new ReportFilter(start, end, teamId, userId);
	}

	/** The first moment of {@code from} in the zone, for comparing with timestamps. */
	public Timestamp fromTime(ZoneId zone) {
		return Timestamp.from(from.atStartOfDay(zone).toInstant());
	}

	/** The first moment after {@code to} in the zone (exclusive end). */
	public Timestamp toTimeExclusive(ZoneId zone) {
		return Timestamp.from(to.plusDays(1).atStartOfDay(zone).toInstant());
	}
}
