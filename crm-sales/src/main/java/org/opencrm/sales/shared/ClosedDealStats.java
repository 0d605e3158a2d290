package org.opencrm.sales.shared;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.opencrm.core.shared.LocalPeriods;

/**
 * Won and lost deals per period from the roll-up {@code opportunity_closed_stats} (per
 * owner, currency and status, by UTC month and UTC day; kept by triggers on the deals):
 * the rows read grow with the range and the number of reps, not with the deals.
 * <p>
 * The periods are local (a month in the reader's zone), their bounds instants. A period
 * reads the UTC days between the UTC midnights nearest its bounds, as whole UTC months
 * where it can; the deals closed in the hours between a bound and that midnight (none in
 * UTC, an hour or two in Europe) are read from the deals themselves and moved to the
 * period they belong to. {@code ClosedDealStatsTest} checks the figures against the
 * deals.
 */
public final class ClosedDealStats {

	private ClosedDealStats() {
	}

	/**
	 * CTEs, the first of a {@code with}, defining {@code cm} (the periods:
	 * {@code period_start, from_day, to_day, st, et} and their UTC days and months) and
	 * {@code closed(period_start, owner_id, currency, status, deals, amount,
	 * cycle_seconds)}: pieces to sum per period (a piece may be zero or negative). Bind
	 * {@code periods.params()}.
	 * @param scope a condition on {@code c.owner_id} (visibility, team, rep)
	 */
	public static String closedIn(LocalPeriods periods, String scope) {
		return closedIn(periods, scope, scope, "opportunity_closed_stats", OWNER_FIGURES + ", c.cycle_seconds",
				DEAL_FIGURES + ", x.inside * extract(epoch from (c.closed_at - c.created_at))");
	}

	/**
	 * As {@link #closedIn(LocalPeriods, String)}, counts only, from
	 * {@code opportunity_closed_team_stats} (per team of the owner, kept with
	 * {@code opportunity_closed_stats}): {@code closed(period_start, status, deals)}. A
	 * few rows per day and month for all teams, where the owner's roll-up has a few per
	 * owner.
	 * @param team a condition on {@code c.team_id} (one team, or {@code true} for all);
	 * it must pick the same deals as {@code scope}
	 * @param scope the same deals as a condition on a deal's {@code c.owner_id}, for the
	 * deals closed near a local bound
	 */
	public static String closedCountsByTeamIn(LocalPeriods periods, String team, String scope) {
		return closedIn(periods, team, scope, "opportunity_closed_team_stats", "c.status, c.deals",
				"c.status, x.inside");
	}

	private static final String OWNER_FIGURES = "c.owner_id, c.currency, c.status, c.deals, c.amount";

	private static final String DEAL_FIGURES = "c.owner_id, c.currency::varchar(3), c.status, x.inside, x.inside * c.amount";

	/**
	 * As {@link #closedIn(LocalPeriods, String)}, from {@code opportunity_closed_mix}:
	 * {@code closed(period_start, owner_id, currency, status, deals, amount, lost_reason,
	 * source)}, a missing lost reason or source as ''.
	 */
	public static String closedByReasonAndSourceIn(LocalPeriods periods, String scope) {
		return closedIn(periods, scope, scope, "opportunity_closed_mix", OWNER_FIGURES + ", c.lost_reason, c.source",
				DEAL_FIGURES + ", coalesce(c.lost_reason, '')::varchar(100), coalesce(c.source, '')::varchar(50)");
	}

	/**
	 * @param rollUpScope the scope as a condition on the roll-up's rows {@code c}
	 * @param scope the scope as a condition on a deal's {@code c.owner_id}
	 * @param table the roll-up (grain, period and {@code columns})
	 * @param columns the columns of {@code closed}, as {@code c.x} of the roll-up
	 * @param dealColumns the same from a deal {@code c} counted {@code x.inside} times
	 */
	private static String closedIn(LocalPeriods periods, String rollUpScope, String scope, String table, String columns,
			String dealColumns) {
		return """
				with cm0 as (
				  select p.*,
				         case when rs = date_trunc('month', rs)::date then rs
				              else (date_trunc('month', rs) + interval '1 month')::date end as ms,
				         date_trunc('month', re)::date as me
				  from %2$s
				), cm as materialized (
				  -- UTC days [rs, re): whole months [ms, me), the days before [rs, d1) and after [d2, re)
				  select cm0.*, least(ms, re) as d1, greatest(me, least(ms, re)) as d2 from cm0
				), closed as (
				  select cm.period_start, %6$s
				  from cm join %7$s c on c.grain = 'month' and c.period >= cm.ms and c.period < cm.me
				  where %4$s and %9$s
				  union all%5$s
				  select cm.period_start, %8$s
				  from opportunities c
				  cross join cm
				  cross join lateral (
				    select (c.closed_at >= cm.st and c.closed_at < cm.et)::int
				           - (c.closed_at >= cm.rs::timestamp at time zone 'UTC'
				              and c.closed_at < cm.re::timestamp at time zone 'UTC')::int as inside
				  ) x
				  where c.status in ('WON', 'LOST') and %3$s and x.inside <> 0 and %1$s
				)
				""".formatted(scope, periods.table("p"), periods.inEdges("c.closed_at"), months(periods),
				dayArms(days(periods), rollUpScope, columns, table), columns, table, dealColumns, rollUpScope);
	}

	// The same ranges again as constants, so the planner reads just those rows of the
	// roll-up (opportunity_closed_stats_period_idx) before it puts them in periods: a
	// range that differs per period row is a third of the table to it (all day rows
	// read).

	private static LocalDate monthStart(LocalDate day) {
		return day.getDayOfMonth() == 1 ? day : day.withDayOfMonth(1).plusMonths(1);
	}

	/** The whole UTC months read from the month rows, as one range. */
	private static String months(LocalPeriods periods) {
		LocalDate lo = null;
		LocalDate hi = null;
		for (LocalPeriods.Period p : periods.periods()) {
			LocalDate ms = monthStart(p.rs());
			LocalDate me = p.re().withDayOfMonth(1);
			if (ms.isBefore(me)) {
				lo = lo == null || ms.isBefore(lo) ? ms : lo;
				hi = hi == null || me.isAfter(hi) ? me : hi;
			}
		}
		return lo == null ? "false" : "c.period >= date '%s' and c.period < date '%s'".formatted(lo, hi);
	}

	/**
	 * The day rows' pieces: one arm per range of UTC days to read (each period's days
	 * before and after its months, adjacent ranges joined), each a range of the primary
	 * key (owner, grain, period) per owner the scope admits. One arm for all ranges, as
	 * {@code (period in r1) or (period in r2)}, can only be read through the period index
	 * for every owner before the scope's owners are picked out (the dashboard's win rate:
	 * 3,800 day rows for a team's 1,100, twice).
	 */
	private static String dayArms(List<LocalDate[]> ranges, String scope, String columns, String table) {
		StringBuilder arms = new StringBuilder();
		for (LocalDate[] r : ranges) {
			arms.append("""

					select cm.period_start, %s
					from cm join %s c on c.grain = 'day'
					  and ((c.period >= cm.rs and c.period < cm.d1) or (c.period >= cm.d2 and c.period < cm.re))
					where c.period >= date '%s' and c.period < date '%s' and %s
					union all""".formatted(columns, table, r[0], r[1], scope));
		}
		return arms.toString();
	}

	/**
	 * The UTC days read from the day rows: each period's days before and after its
	 * months, as ranges [from, to) in order, adjacent or overlapping ones joined.
	 */
	private static List<LocalDate[]> days(LocalPeriods periods) {
		List<LocalDate[]> ranges = new ArrayList<>();
		for (LocalPeriods.Period p : periods.periods()) {
			LocalDate ms = monthStart(p.rs());
			LocalDate me = p.re().withDayOfMonth(1);
			LocalDate d1 = ms.isBefore(p.re()) ? ms : p.re();
			LocalDate d2 = me.isAfter(d1) ? me : d1;
			if (p.rs().isBefore(d1)) {
				ranges.add(new LocalDate[] { p.rs(), d1 });
			}
			if (d2.isBefore(p.re())) {
				ranges.add(new LocalDate[] { d2, p.re() });
			}
		}
		ranges.sort(java.util.Comparator.comparing((LocalDate[] r) -> r[0]));
		List<LocalDate[]> joined = new ArrayList<>();
		for (LocalDate[] r : ranges) {
			LocalDate[] last = joined.isEmpty() ? null : joined.get(joined.size() - 1);
			if (last != null && !r[0].isAfter(last[1])) {
				last[1] = r[1].isAfter(last[1]) ? r[1] : last[1];
			}
			else {
				joined.add(new LocalDate[] { r[0], r[1] });
			}
		}
		return joined;
	}

}
