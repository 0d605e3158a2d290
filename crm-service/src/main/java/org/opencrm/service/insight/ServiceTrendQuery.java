package org.opencrm.service.insight;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.opencrm.core.shared.LocalPeriods;
import org.opencrm.service.ticket.TicketFilter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The manager dashboard's service trends over a date range: the ticket backlog and SLA
 * compliance per day, week or month, and CSAT per period. Each is one SQL statement
 * (periods from generate_series) whatever the number of tickets. With a team, only that
 * team's tickets (surveys) count: see {@link TicketFilter#teamCondition}.
 */
@Service
@Transactional(readOnly = true)
public class ServiceTrendQuery {

	/**
	 * The periods overlapping :from..:to, clipped to it: s/e local bounds, st/et the
	 * instants in :zone.
	 */
	private static final String PERIODS = """
			with periods as (
			  select g::date as period_start, greatest(g, cast(:from as timestamp)) as s,
			         least(g + cast(:step as interval), cast(:toExcl as timestamp)) as e
			  from generate_series(date_trunc(:unit, cast(:from as timestamp)), cast(:to as timestamp),
			                       cast(:step as interval)) g
			), bounds as (
			  select p.period_start, p.s::date as from_day, (p.e - interval '1 day')::date as to_day,
			         p.s at time zone :zone as st, p.e at time zone :zone as et
			  from periods p
			)
			""";

	private final JdbcClient jdbc;

	private final Clock clock;

	ServiceTrendQuery(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Backlog at the end of each period and SLA compliance of the tickets opened in it,
	 * from one statement over the roll-up {@code ticket_day_stats} (per UTC day and pair
	 * of teams, kept by triggers: see its migration) and {@code ticket_open_totals}, so
	 * the rows read grow with the range, not with the tickets:
	 * <ul>
	 * <li>a period's figures are those of the UTC days between the UTC midnights nearest
	 * its local bounds, corrected by the tickets opened or ended in the hours between
	 * each local bound and that midnight (none in UTC; an hour or two in Europe), read
	 * from the tickets;</li>
	 * <li>the backlog at a period's end is the tickets open now less the net moves (+1
	 * opened, -1 resolved or closed) since then;</li>
	 * <li>a ticket's SLA is judged once answered (resolved) or due: of the tickets with a
	 * due date, those still running at :now (not answered, due later) are read from the
	 * tickets ({@code tickets_unresponded_due_idx}, {@code tickets_unresolved_due_idx})
	 * and left out.</li>
	 * </ul>
	 * {@code BacklogReadingTest} checks the figures against reading every ticket.
	 */
	public List<ServicePeriod> backlogAndSla(LocalDate from, LocalDate to, Granularity granularity, Long teamId,
			ZoneId zone) {
		String team = teamId == null ? "" : " and " + TicketFilter.teamCondition("t.assignee_id", "t.account_id");
		String rolledTeam = teamId == null ? "" : " and (s.assignee_team_id = :team or s.owner_team_id = :team)";
		// The few tickets whose targets still run, with their teams looked up one by one:
		// the team condition hashes every account of the team (26,000 on the bench data).
		String runningTeams = teamId == null ? "" : """
				left join users ua on ua.id = t.assignee_id
				left join accounts a on a.id = t.account_id left join users uo on uo.id = a.owner_id""";
		String runningTeam = teamId == null ? "" : " and (ua.team_id = :team or uo.team_id = :team)";
		LocalPeriods periods = LocalPeriods.of(from, to, granularity.unit, zone);
		return jdbc
			.sql("""
					with b as materialized (
					  select * from %3$s
					), days as materialized (
					  select day, sum(opened - ended) as net, sum(fr_due) as fr_due, sum(fr_met) as fr_met,
					         sum(res_due) as res_due, sum(res_met) as res_met
					  from ticket_day_stats s
					  where day >= cast(:firstDay as date) %2$s
					  group by day
					), moves as materialized (
					  select t.opened_at as at, 1 as d, (t.first_response_due_at is not null)::int as fr_due,
					         coalesce(t.first_responded_at <= t.first_response_due_at, false)::int as fr_met,
					         (t.resolution_due_at is not null)::int as res_due,
					         coalesce(t.resolved_at <= t.resolution_due_at, false)::int as res_met
					  from tickets t where %4$s %1$s
					  union all
					  select least(t.resolved_at, t.closed_at), -1, 0, 0, 0, 0
					  from tickets t where %5$s %1$s
					), running as materialized (
					  select t.opened_at as at, 1 as fr, 0 as res from tickets t %6$s
					  where t.first_responded_at is null and t.first_response_due_at is not null
					    and t.first_response_due_at > :now and t.opened_at >= :rangeStart %7$s
					  union all
					  select t.opened_at, 0, 1 from tickets t %6$s
					  where t.resolved_at is null and t.resolution_due_at is not null and t.resolution_due_at > :now
					    and t.opened_at >= :rangeStart %7$s
					)
					select b.period_start, b.from_day as "from", b.to_day as "to",
					  ((select coalesce(sum(open), 0) from ticket_open_totals s where true %2$s)
					   - coalesce(d.after_end, 0) - coalesce(m.after_end, 0))::bigint as open_at_end,
					  (coalesce(d.fr_due, 0) + coalesce(m.fr_due, 0) - coalesce(r.fr, 0))::bigint as first_response_judged,
					  (coalesce(d.fr_met, 0) + coalesce(m.fr_met, 0))::bigint as first_response_met,
					  (coalesce(d.res_due, 0) + coalesce(m.res_due, 0) - coalesce(r.res, 0))::bigint as resolution_judged,
					  (coalesce(d.res_met, 0) + coalesce(m.res_met, 0))::bigint as resolution_met
					from b
					left join lateral (
					  select sum(net) filter (where day >= b.re) as after_end,
					         sum(fr_due) filter (where day >= b.rs and day < b.re) as fr_due,
					         sum(fr_met) filter (where day >= b.rs and day < b.re) as fr_met,
					         sum(res_due) filter (where day >= b.rs and day < b.re) as res_due,
					         sum(res_met) filter (where day >= b.rs and day < b.re) as res_met
					  from days
					) d on true
					left join lateral (
					  -- a ticket near a bound: counted in its own period, not in the one its UTC day fell in
					  select sum(v.d * ((v.at >= b.et)::int - (v.at >= b.re::timestamp at time zone 'UTC')::int)) as after_end,
					         sum(v.fr_due * v.inside) as fr_due, sum(v.fr_met * v.inside) as fr_met,
					         sum(v.res_due * v.inside) as res_due, sum(v.res_met * v.inside) as res_met
					  from (select x.*, (x.at >= b.st and x.at < b.et)::int
					                    - (x.at >= b.rs::timestamp at time zone 'UTC' and x.at < b.re::timestamp at time zone 'UTC')::int
					                    as inside
					        from moves x) v
					) m on true
					left join lateral (
					  select sum(fr) as fr, sum(res) as res from running where at >= b.st and at < b.et
					) r on true
					order by b.period_start
					"""
				.formatted(team, rolledTeam, periods.table("p"), periods.inEdges("t.opened_at"),
						periods.inEdges("least(t.resolved_at, t.closed_at)"), runningTeams, runningTeam))
			.params(periods.params())
			.param("firstDay", periods.periods().get(0).rs())
			.param("rangeStart", Timestamp.from(periods.periods().get(0).st()))
			.param("now", Timestamp.from(clock.instant()))
			.param("team", teamId, java.sql.Types.BIGINT)
			.query(ServicePeriod.class)
			.list();
	}

	/** CSAT of the tickets resolved in each period (as the CSAT report counts them). */
	public List<CsatPeriod> csat(LocalDate from, LocalDate to, Granularity granularity, Long teamId, ZoneId zone) {
		String team = teamId == null ? "" : " and " + TicketFilter.teamCondition("s.agent_id", "s.account_id");
		return jdbc.sql(PERIODS + """
				select b.period_start, b.from_day as "from", b.to_day as "to", count(s.id) as surveys,
				       count(s.rating) as responses, round(avg(s.rating), 2) as average
				from bounds b
				left join csat_surveys s on s.resolved_at >= b.st and s.resolved_at < b.et %s
				group by b.period_start, b.from_day, b.to_day
				order by b.period_start
				""".formatted(team))
			.params(periodParams(from, to, granularity, zone))
			.param("team", teamId, java.sql.Types.BIGINT)
			.query(CsatPeriod.class)
			.list();
	}

	private static java.util.Map<String, Object> periodParams(LocalDate from, LocalDate to, Granularity g,
			ZoneId zone) {
		return java.util.Map.of("from", from, "to", to, "toExcl", to.plusDays(1), "unit", g.truncUnit, "step", g.step,
				"zone", zone.getId());
	}

}
