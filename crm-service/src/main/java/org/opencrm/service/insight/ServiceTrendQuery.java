package org.opencrm.service.insight;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
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
	 * from one statement: the backlog is a running sum of moves (+1 when a ticket opens,
	 * -1 when it is resolved or closed) bucketed by period, and SLA figures are grouped
	 * by the opening's period.
	 * <p>
	 * Only the tickets that move something in the range are read, each through an index:
	 * those opened since the first period began ({@code tickets_opened_idx}), and of the
	 * older ones those still open ({@code tickets_not_ended_idx}) or ended since then
	 * ({@code tickets_ended_idx}). An older ticket that ended before the range added +1
	 * and -1 to the backlog before it, nothing; reading every ticket ever opened (100,000
	 * per request on the bench data) gave the same figures, as
	 * {@code ServiceTrendQueryTest} checks against that reading.
	 */
	public List<ServicePeriod> backlogAndSla(LocalDate from, LocalDate to, Granularity granularity, Long teamId,
			ZoneId zone) {
		String team = teamId == null ? "" : " and " + TicketFilter.teamCondition("t.assignee_id", "t.account_id");
		return jdbc
			.sql(PERIODS
					+ """
							, range as (
							  select min(st) as st, max(et) as et, min(period_start) as first_period,
							         min(period_start)::timestamp at time zone :zone as ft
							  from bounds
							), recent as materialized (
							  select date_trunc(:unit, t.opened_at at time zone :zone) as opened_bucket, t.opened_at,
							         least(t.resolved_at, t.closed_at) as ended_at, t.first_response_due_at, t.first_responded_at,
							         t.resolution_due_at, t.resolved_at
							  from tickets t
							  where t.opened_at >= (select ft from range) and t.opened_at < (select et from range) %1$s
							), earlier as materialized (
							  select null::timestamptz as ended_at from tickets t
							  where t.opened_at < (select ft from range) and t.resolved_at is null and t.closed_at is null %1$s
							  union all
							  select least(t.resolved_at, t.closed_at) from tickets t
							  where t.opened_at < (select ft from range)
							    and least(t.resolved_at, t.closed_at) >= (select ft from range) %1$s
							), moves as (
							  select opened_bucket as bucket, 1 as d from recent
							  union all
							  select date_trunc(:unit, ended_at at time zone :zone), -1 from recent where ended_at < (select et from range)
							  union all
							  select date_trunc(:unit, ended_at at time zone :zone), -1 from earlier where ended_at < (select et from range)
							), per_period as (
							  select bucket, sum(d) as delta from moves group by bucket
							), sla as (
							  select opened_bucket as bucket,
							         count(*) filter (where first_response_due_at is not null
							                            and (first_responded_at is not null or first_response_due_at <= :now))
							           as first_response_judged,
							         count(*) filter (where first_responded_at <= first_response_due_at) as first_response_met,
							         count(*) filter (where resolution_due_at is not null
							                            and (resolved_at is not null or resolution_due_at <= :now))
							           as resolution_judged,
							         count(*) filter (where resolved_at <= resolution_due_at) as resolution_met
							  from recent where opened_at >= (select st from range)
							  group by opened_bucket
							)
							select b.period_start, b.from_day as "from", b.to_day as "to",
							  ((select count(*) from earlier)
							   + (select coalesce(sum(delta), 0) from per_period where bucket < (select first_period from range))
							   + sum(coalesce(m.delta, 0)) over (order by b.period_start))::bigint as open_at_end,
							  coalesce(q.first_response_judged, 0) as first_response_judged,
							  coalesce(q.first_response_met, 0) as first_response_met,
							  coalesce(q.resolution_judged, 0) as resolution_judged,
							  coalesce(q.resolution_met, 0) as resolution_met
							from bounds b
							left join per_period m on m.bucket = b.period_start
							left join sla q on q.bucket = b.period_start
							order by b.period_start
							"""
						.formatted(team))
			.params(periodParams(from, to, granularity, zone))
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
