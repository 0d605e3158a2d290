package org.opencrm.service.insight;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.opencrm.core.shared.LocalPeriods;
import org.opencrm.core.shared.Rows;
import org.opencrm.service.ticket.TicketFilter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The manager dashboard's service trends over a date range: the ticket backlog and SLA
 * compliance per day, week or month, and CSAT per period. Each is one SQL statement over
 * roll-ups per UTC day and team pair (local periods from {@link LocalPeriods}), whatever
 * the number of tickets. With a team, only that team's tickets (surveys) count: those of
 * its people or of accounts its people own (see {@link TicketFilter#teamCondition}).
 */
@Service
@Transactional(readOnly = true)
public class ServiceTrendQuery {

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
	 * due date, those still running at :now (not answered, due later) are left out. They
	 * are counted from {@code ticket_sla_pending} (targets not met yet, per hour they
	 * fall due, UTC day opened and team pair): the rows of the hours after the current
	 * one; from {@code ticket_sla_pending_minutes} (the same per minute) the rows of the
	 * rest of the current hour; and the tickets due in the rest of the current minute,
	 * read from the tickets ({@code tickets_unresponded_due_idx},
	 * {@code tickets_unresolved_due_idx}) — a few rows per hour ahead, not one look-up
	 * per open ticket.</li>
	 * </ul>
	 * {@code BacklogReadingTest} checks the figures against reading every ticket.
	 */
	public List<ServicePeriod> backlogAndSla(LocalDate from, LocalDate to, Granularity granularity, Long teamId,
			ZoneId zone) {
		String team = teamId == null ? "" : " and " + TicketFilter.teamCondition("t.assignee_id", "t.account_id");
		String rolledTeam = teamId == null ? "" : " and (s.assignee_team_id = :team or s.owner_team_id = :team)";
		// The tickets due in the rest of the current minute, with their teams looked up
		// one
		// by one: the team condition hashes every account of the team (26,000 on the
		// bench data).
		String runningTeams = teamId == null ? "" : """
				left join users ua on ua.id = t.assignee_id
				left join accounts a on a.id = t.account_id left join users uo on uo.id = a.owner_id""";
		String runningTeam = teamId == null ? "" : " and (ua.team_id = :team or uo.team_id = :team)";
		LocalPeriods periods = LocalPeriods.of(from, to, granularity.unit, zone);
		Instant now = clock.instant();
		Instant nextHour = now.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
		Instant nextMinute = now.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
		LocalDate firstDay = periods.periods().get(0).rs();
		return jdbc
			.sql("""
					with b as materialized (
					  select * from %3$s
					), days as materialized (
					  -- net_from: opened less ended on this day and every later one
					  select day, net, fr_due, fr_met, res_due, res_met, sum(net) over (order by day desc) as net_from
					  from (
					    select day, sum(opened - ended)::bigint as net, sum(fr_due)::bigint as fr_due,
					           sum(fr_met)::bigint as fr_met, sum(res_due)::bigint as res_due, sum(res_met)::bigint as res_met
					    from ticket_day_stats s
					    where day >= cast(:firstDay as date) %2$s
					    group by day
					  ) g
					), moves as materialized (
					  select t.opened_at as at, 1 as d, (t.first_response_due_at is not null)::int as fr_due,
					         coalesce(t.first_responded_at <= t.first_response_due_at, false)::int as fr_met,
					         (t.resolution_due_at is not null)::int as res_due,
					         coalesce(t.resolved_at <= t.resolution_due_at, false)::int as res_met,
					         (t.first_responded_at is null and t.first_response_due_at > :now)::int as fr_run,
					         (t.resolved_at is null and t.resolution_due_at > :now)::int as res_run
					  from tickets t where %4$s %1$s
					  union all
					  select least(t.resolved_at, t.closed_at), -1, 0, 0, 0, 0, 0, 0
					  from tickets t where %5$s %1$s
					), running as materialized (
					  -- per UTC day opened: targets due after the current hour, in the minutes after the current
					  -- one, then those due in the rest of it
					  select s.day, sum(s.first_response) as fr, sum(s.resolution) as res
					  from ticket_sla_pending s
					  where s.due_hour >= :nextHour and s.day >= cast(:firstDay as date) %2$s
					  group by s.day
					  union all
					  select s.day, sum(s.first_response), sum(s.resolution)
					  from ticket_sla_pending_minutes s
					  where s.due_minute >= :nextMinute and s.due_minute < :nextHour and s.day >= cast(:firstDay as date) %2$s
					  group by s.day
					  union all
					  select (t.opened_at at time zone 'UTC')::date, 1, 0 from tickets t %6$s
					  where t.first_responded_at is null and t.first_response_due_at is not null
					    and t.first_response_due_at > :now and t.first_response_due_at < :nextMinute
					    and t.opened_at >= :firstDayStart %7$s
					  union all
					  select (t.opened_at at time zone 'UTC')::date, 0, 1 from tickets t %6$s
					  where t.resolved_at is null and t.resolution_due_at is not null and t.resolution_due_at > :now
					    and t.resolution_due_at < :nextMinute and t.opened_at >= :firstDayStart %7$s
					)
					select b.period_start, b.from_day as "from", b.to_day as "to",
					  ((select coalesce(sum(open), 0) from ticket_open_totals s where true %2$s)
					   - coalesce(d.after_end, 0) - coalesce(m.after_end, 0))::bigint as open_at_end,
					  (coalesce(d.fr_due, 0) + coalesce(m.fr_due, 0) - coalesce(r.fr, 0) - coalesce(m.fr_run, 0))::bigint
					    as first_response_judged,
					  (coalesce(d.fr_met, 0) + coalesce(m.fr_met, 0))::bigint as first_response_met,
					  (coalesce(d.res_due, 0) + coalesce(m.res_due, 0) - coalesce(r.res, 0) - coalesce(m.res_run, 0))::bigint
					    as resolution_judged,
					  (coalesce(d.res_met, 0) + coalesce(m.res_met, 0))::bigint as resolution_met
					from b
					left join lateral (
					  -- only the period's days summed (a filter per aggregate summed every day per period)
					  select (select x.net_from from days x where x.day >= b.re order by x.day limit 1) as after_end,
					         sum(fr_due) as fr_due, sum(fr_met) as fr_met, sum(res_due) as res_due, sum(res_met) as res_met
					  from days where day >= b.rs and day < b.re
					) d on true
					left join lateral (
					  -- a ticket near a bound: counted in its own period, not in the one its UTC day fell in
					  select sum(v.d * ((v.at >= b.et)::int - (v.at >= b.re::timestamp at time zone 'UTC')::int)) as after_end,
					         sum(v.fr_due * v.inside) as fr_due, sum(v.fr_met * v.inside) as fr_met,
					         sum(v.res_due * v.inside) as res_due, sum(v.res_met * v.inside) as res_met,
					         sum(v.fr_run * v.inside) as fr_run, sum(v.res_run * v.inside) as res_run
					  from (select x.*, (x.at >= b.st and x.at < b.et)::int
					                    - (x.at >= b.rs::timestamp at time zone 'UTC' and x.at < b.re::timestamp at time zone 'UTC')::int
					                    as inside
					        from moves x) v
					) m on true
					left join lateral (
					  select sum(fr) as fr, sum(res) as res from running where day >= b.rs and day < b.re
					) r on true
					order by b.period_start
					"""
				.formatted(team, rolledTeam, periods.table("p"), periods.inEdges("t.opened_at"),
						periods.inEdges("least(t.resolved_at, t.closed_at)"), runningTeams, runningTeam))
			.params(periods.params())
			.param("firstDay", firstDay)
			.param("firstDayStart", Timestamp.from(firstDay.atStartOfDay(ZoneOffset.UTC).toInstant()))
			.param("now", Timestamp.from(now))
			.param("nextHour", Timestamp.from(nextHour))
			.param("nextMinute", Timestamp.from(nextMinute))
			.param("team", teamId, java.sql.Types.BIGINT)
			.query(Rows.of(ServicePeriod.class))
			.list();
	}

	/**
	 * CSAT of the tickets resolved in each period (as the CSAT report counts them), from
	 * the roll-up {@code csat_day_stats} (per UTC day and pair of teams, kept by
	 * triggers: see its migration): a period's whole UTC days, corrected by the surveys
	 * resolved between each local bound and the nearest UTC midnight (none in UTC), read
	 * from the surveys. {@code CsatDayStatsTest} checks the figures against reading every
	 * survey.
	 */
	public List<CsatPeriod> csat(LocalDate from, LocalDate to, Granularity granularity, Long teamId, ZoneId zone) {
		String team = teamId == null ? "" : " and " + TicketFilter.teamCondition("s.agent_id", "s.account_id");
		String rolledTeam = teamId == null ? "" : " and (s.agent_team_id = :team or s.owner_team_id = :team)";
		LocalPeriods periods = LocalPeriods.of(from, to, granularity.unit, zone);
		List<LocalPeriods.Period> list = periods.periods();
		return jdbc
			.sql("""
					with b as materialized (
					  select * from %3$s
					), days as materialized (
					  select day, sum(surveys) as surveys, sum(responses) as responses, sum(rating_sum) as rating_sum
					  from csat_day_stats s
					  where day >= cast(:firstDay as date) and day < cast(:lastDay as date) %2$s
					  group by day
					), edges as materialized (
					  select s.resolved_at as at, s.rating from csat_surveys s where %4$s %1$s
					), figures as (
					  select b.period_start, b.from_day, b.to_day,
					         coalesce(d.surveys, 0) + coalesce(e.surveys, 0) as surveys,
					         coalesce(d.responses, 0) + coalesce(e.responses, 0) as responses,
					         coalesce(d.rating_sum, 0) + coalesce(e.rating_sum, 0) as rating_sum
					  from b
					  left join lateral (
					    select sum(surveys) as surveys, sum(responses) as responses, sum(rating_sum) as rating_sum
					    from days where day >= b.rs and day < b.re
					  ) d on true
					  left join lateral (
					    -- a survey near a bound: counted in its own period, not in the one its UTC day fell in
					    select sum(v.inside) as surveys, sum(v.inside * (v.rating is not null)::int) as responses,
					           sum(v.inside * coalesce(v.rating, 0)) as rating_sum
					    from (select x.rating, (x.at >= b.st and x.at < b.et)::int
					                 - (x.at >= b.rs::timestamp at time zone 'UTC' and x.at < b.re::timestamp at time zone 'UTC')::int
					                 as inside
					          from edges x) v
					  ) e on true
					)
					select period_start, from_day as "from", to_day as "to", surveys::bigint as surveys,
					       responses::bigint as responses,
					       case when responses <> 0 then round(rating_sum::numeric / responses, 2) end as average
					from figures
					order by period_start
					"""
				.formatted(team, rolledTeam, periods.table("p"), periods.inEdges("s.resolved_at")))
			.params(periods.params())
			.param("firstDay", list.get(0).rs())
			.param("lastDay", list.get(list.size() - 1).re())
			.param("team", teamId, java.sql.Types.BIGINT)
			.query(Rows.of(CsatPeriod.class))
			.list();
	}

}
