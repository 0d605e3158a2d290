package org.opencrm.core.shared;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The days, weeks (from Monday) or months that overlap a range of days in a reader's
 * zone, clipped to it, for SQL that reads a roll-up kept per UTC day (or UTC month): each
 * period's local bounds as instants, the UTC days between the UTC midnights nearest them,
 * and the edges — the hours between each local bound and that midnight, whose rows a
 * query reads from the table itself and moves to the period they belong to (none in UTC,
 * an hour or two in Europe, at most twelve).
 * <p>
 * Computed here rather than with {@code generate_series} so the planner knows how many
 * periods and edges there are (a series of unknown length is 1,000 rows to it, and the
 * estimates made PostgreSQL compile the statement with JIT: 1.7 s for a few ms of work).
 */
public final class LocalPeriods {

	/** A period: its local days, its bounds in time and its UTC days [rs, re). */
	public record Period(LocalDate start, LocalDate from, LocalDate to, Instant st, Instant et, LocalDate rs,
			LocalDate re) {
	}

	/** Hours between a local bound and the nearest UTC midnight. */
	public record Edge(Instant lo, Instant hi) {
	}

	private final List<Period> periods;

	private final List<Edge> edges;

	private LocalPeriods(List<Period> periods, List<Edge> edges) {
		this.periods = periods;
		this.edges = edges;
	}

	/**
	 * @param unit {@link ChronoUnit#DAYS}, {@link ChronoUnit#WEEKS} or
	 * {@link ChronoUnit#MONTHS}
	 */
	public static LocalPeriods of(LocalDate from, LocalDate to, ChronoUnit unit, ZoneId zone) {
		LocalDate first = switch (unit) {
			case DAYS -> from;
			case WEEKS -> from.with(TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
			case MONTHS -> from.withDayOfMonth(1);
			default -> throw new IllegalArgumentException("unit " + unit);
		};
		List<Period> periods = new ArrayList<>();
		TreeSet<Instant> bounds = new TreeSet<>();
		LocalDate end = to.plusDays(1);
		for (LocalDate g = first; !g.isAfter(to); g = g.plus(1, unit)) {
			LocalDate s = g.isBefore(from) ? from : g;
			LocalDate e = g.plus(1, unit).isAfter(end) ? end : g.plus(1, unit);
			Instant st = s.atStartOfDay(zone).toInstant();
			Instant et = e.atStartOfDay(zone).toInstant();
			periods.add(new Period(g, s, e.minusDays(1), st, et, nearestUtcDay(st), nearestUtcDay(et)));
			bounds.add(st);
			bounds.add(et);
		}
		List<Edge> edges = new ArrayList<>();
		for (Instant b : bounds) {
			Instant m = nearestUtcDay(b).atStartOfDay(ZoneOffset.UTC).toInstant();
			if (!b.equals(m)) {
				edges.add(b.isBefore(m) ? new Edge(b, m) : new Edge(m, b));
			}
		}
		return new LocalPeriods(List.copyOf(periods), List.copyOf(edges));
	}

	/** The UTC day whose midnight is nearest to an instant. */
	static LocalDate nearestUtcDay(Instant at) {
		return LocalDate.ofInstant(at.plus(12, ChronoUnit.HOURS), ZoneOffset.UTC);
	}

	public List<Period> periods() {
		return periods;
	}

	public List<Edge> edges() {
		return edges;
	}

	/**
	 * A FROM item naming the periods {@code alias(period_start, from_day, to_day, st, et,
	 * rs, re)}; its parameters are in {@link #params}.
	 */
	public String table(String alias) {
		return """
				unnest(string_to_array(:lpStart, ',')::date[], string_to_array(:lpFrom, ',')::date[],
				       string_to_array(:lpTo, ',')::date[], string_to_array(:lpSt, ',')::timestamptz[],
				       string_to_array(:lpEt, ',')::timestamptz[], string_to_array(:lpRs, ',')::date[],
				       string_to_array(:lpRe, ',')::date[])
				  as %s (period_start, from_day, to_day, st, et, rs, re)""".formatted(alias);
	}

	/**
	 * "{@code column} falls in an edge": OR-ed ranges, each its own parameters (so the
	 * planner estimates each from the column's statistics); {@code false} when there is
	 * none.
	 */
	public String inEdges(String column) {
		if (edges.isEmpty()) {
			return "false";
		}
		List<String> ranges = new ArrayList<>();
		for (int i = 0; i < edges.size(); i++) {
			ranges.add("(%s >= :lpLo%d and %s < :lpHi%d)".formatted(column, i, column, i));
		}
		return "(" + String.join(" or ", ranges) + ")";
	}

	public Map<String, Object> params() {
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("lpStart", join(Period::start));
		params.put("lpFrom", join(Period::from));
		params.put("lpTo", join(Period::to));
		params.put("lpSt", join(Period::st));
		params.put("lpEt", join(Period::et));
		params.put("lpRs", join(Period::rs));
		params.put("lpRe", join(Period::re));
		for (int i = 0; i < edges.size(); i++) {
			params.put("lpLo" + i, java.sql.Timestamp.from(edges.get(i).lo()));
			params.put("lpHi" + i, java.sql.Timestamp.from(edges.get(i).hi()));
		}
		return params;
	}

	private String join(java.util.function.Function<Period, Object> value) {
		return periods.stream().map(p -> value.apply(p).toString()).collect(Collectors.joining(","));
	}

}
