package org.opencrm.core.report;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.shared.SqlWhere;

/**
 * The standard filter of every report: a date range (both days included), a team and a
 * user (null: any). Dates left out are filled in by {@link #withDefaults}: up to today,
 * over the last twelve whole months. A range that ends before it starts, or spans more
 * than {@value #MAX_YEARS} years, is refused when the filter is made.
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

	/**
	 * This filter with its missing dates filled in: {@code to} today, {@code from} twelve
	 * whole months before.
	 */
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

	/**
	 * Adds the team and user filters on the column that holds a record's owner (or
	 * assignee): only owners in {@link #teamId()} ({@code :filterTeam}), only
	 * {@link #userId()} ({@code :filterUser}); nothing for a filter left out. Visibility
	 * is the caller's to apply.
	 */
	public SqlWhere byOwner(SqlWhere where, String ownerColumn) {
		return byOwner(where, ownerColumn, teamId, userId);
	}

	/**
	 * The team and user filter of any page that offers one (reports, forecast,
	 * dashboards): owners in team {@code teamId}, owner {@code userId}; a null leaves
	 * that filter out.
	 */
	public static SqlWhere byOwner(SqlWhere where, String ownerColumn, Long teamId, Long userId) {
		if (teamId != null) {
			where.and(ownerColumn + " in (select tu.id from users tu where tu.team_id = :filterTeam)", "filterTeam",
					teamId);
		}
		if (userId != null) {
			where.and(ownerColumn + " = :filterUser", "filterUser", userId);
		}
		return where;
	}

	/**
	 * Binds the range as {@code :fromTime} (inclusive) and {@code :toTime} (exclusive),
	 * the days' bounds in the zone, for SQL that compares timestamps with them.
	 */
	public SqlWhere bindTimes(SqlWhere where, ZoneId zone) {
		return where.param("fromTime", fromTime(zone)).param("toTime", toTimeExclusive(zone));
	}

	/**
	 * Adds "the timestamp column falls in the range" and binds {@code :fromTime} and
	 * {@code :toTime}.
	 */
	public SqlWhere within(SqlWhere where, String timeColumn, ZoneId zone) {
		return bindTimes(where.and(timeColumn + " >= :fromTime and " + timeColumn + " < :toTime"), zone);
	}
}
