package org.opencrm.service.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.service.ticket.TicketFilter;
import org.opencrm.test.MovableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The dashboard's backlog and SLA figures, read from the roll-up per UTC day
 * ({@code ticket_day_stats}), are those of reading every ticket ever opened (the
 * statement of the first dashboard, kept here as the reference): tickets of every shape —
 * opened long before and ended before the range, ended in it or after it, never ended,
 * closed without a resolution, opened in the range, at any quarter hour, with targets
 * still running at the moment of reading (due in a later hour, later in the same hour,
 * later in the same minute, already due) — for a team and for everyone, per day, week and
 * month, in UTC and in three zones whose midnight is not UTC's (one of them 5:45 off),
 * read at three moments.
 */
@SpringBootTest(properties = "crm.scheduling.enabled=false")
class BacklogReadingTest {

	@Autowired
	ServiceTrendQuery trends;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MovableClock clock;

	@Test
	void theBacklogFromTheTicketsThatMoveItEqualsTheBacklogFromEveryTicket() {
		clock.set(Instant.parse("2031-07-01T10:00:00Z"));
		String tag = UUID.randomUUID().toString().substring(0, 8);
		long team = jdbc.sql("insert into teams (name) values (?) returning id")
			.param("Backlog " + tag)
			.query(Long.class)
			.single();
		long agent = jdbc.sql("""
				insert into users (username, full_name, password_hash, role, team_id)
				values (?, ?, 'x', 'SUPPORT_AGENT', ?) returning id
				""").params("bl" + tag, "bl" + tag, team).query(Long.class).single();
		long outsider = jdbc
			.sql("""
					insert into users (username, full_name, password_hash, role) values (?, ?, 'x', 'SUPPORT_AGENT') returning id
					""")
			.params("bo" + tag, "bo" + tag)
			.query(Long.class)
			.single();
		Random random = new Random(19);
		Instant start = Instant.parse("2030-01-01T00:00:00Z");
		for (int i = 0; i < 300; i++) {
			// Any quarter hour, so some open or end between a local midnight and the UTC
			// one.
			Instant opened = start.plus(random.nextInt(540 * 24 * 4) * 15L, ChronoUnit.MINUTES);
			Instant ended = opened.plus(random.nextInt(120 * 24), ChronoUnit.HOURS);
			int shape = random.nextInt(4);
			Instant resolved = shape == 1 || shape == 3 ? ended : null;
			Instant closed = shape == 2 ? ended : shape == 3 ? ended.plus(2, ChronoUnit.DAYS) : null;
			jdbc.sql(
					"""
							insert into tickets (number, subject, type, priority, status, channel, assignee_id, opened_at,
							  first_response_due_at, first_responded_at, resolution_due_at, resolved_at, closed_at, queue_sort_at)
							values (?, 'Backlog', 'SERVICE_REQUEST', 'NORMAL', ?, 'EMAIL', ?, ?, ?, ?, ?, ?, ?, ?)
							""")
				.params("BL-" + UUID.randomUUID().toString().substring(0, 12),
						closed != null ? "CLOSED" : resolved != null ? "RESOLVED" : "OPEN",
						random.nextBoolean() ? agent : outsider, at(opened), at(opened.plus(4, ChronoUnit.HOURS)),
						random.nextBoolean() ? at(opened.plus(random.nextInt(8), ChronoUnit.HOURS)) : null,
						at(opened.plus(3, ChronoUnit.DAYS)), at(resolved), at(closed), at(opened))
				.update();
		}

		// Moments to read at, each with tickets opened in the four days before it (at any
		// minute), so some targets still run then: due in a later hour (from the
		// roll-up by hour), in a later minute of the current hour (by minute), in the
		// rest
		// of the current minute (from the tickets), or already due.
		List<Instant> moments = List.of(Instant.parse("2031-07-01T10:00:00Z"), Instant.parse("2031-01-20T10:37:00Z"),
				Instant.parse("2030-01-15T05:50:00Z"), Instant.parse("2031-01-25T16:59:40Z"));
		for (Instant moment : moments) {
			for (int i = 0; i < 40; i++) {
				Instant opened = moment.minus(random.nextInt(4 * 24 * 60), ChronoUnit.MINUTES);
				int shape = random.nextInt(4);
				jdbc.sql("""
						insert into tickets (number, subject, type, priority, status, channel, assignee_id, opened_at,
						  first_response_due_at, first_responded_at, resolution_due_at, resolved_at, queue_sort_at)
						values (?, 'Running', 'SERVICE_REQUEST', 'NORMAL', ?, 'EMAIL', ?, ?, ?, ?, ?, ?, ?)
						""")
					.params("BR-" + UUID.randomUUID().toString().substring(0, 12), shape == 3 ? "RESOLVED" : "OPEN",
							random.nextBoolean() ? agent : outsider, at(opened),
							at(opened.plus(1 + random.nextInt(8 * 60), ChronoUnit.MINUTES)),
							shape == 1 ? at(opened.plus(30, ChronoUnit.MINUTES)) : null,
							at(opened.plus(random.nextInt(5 * 24 * 60), ChronoUnit.MINUTES)),
							shape == 3 ? at(opened.plus(2, ChronoUnit.HOURS)) : null, at(opened))
					.update();
			}
			// Targets due right around the moment, to the second: just before it, at it,
			// later in its minute (read from the tickets), at the next minute and later
			// in
			// the hour (the roll-up by minute), at the next hour (by hour).
			for (long seconds : new long[] { -10, 0, 10, 19, 20, 60, 61, 300, 3599, 3600 }) {
				Instant due = moment.plusSeconds(seconds);
				jdbc.sql("""
						insert into tickets (number, subject, type, priority, status, channel, assignee_id, opened_at,
						  first_response_due_at, resolution_due_at, queue_sort_at)
						values (?, 'Due now', 'SERVICE_REQUEST', 'NORMAL', 'OPEN', 'EMAIL', ?, ?, ?, ?, ?)
						""")
					.params("BD-" + UUID.randomUUID().toString().substring(0, 12), seconds % 2 == 0 ? agent : outsider,
							at(moment.minus(2, ChronoUnit.HOURS)), at(due), at(due.plusSeconds(seconds % 7)),
							at(moment.minus(2, ChronoUnit.HOURS)))
					.update();
			}
		}

		int compared = 0;
		List<ZoneId> zones = List.of(ZoneId.of("UTC"), ZoneId.of("Europe/Berlin"), ZoneId.of("Asia/Kathmandu"),
				ZoneId.of("America/New_York"));
		for (Instant moment : moments) {
			clock.set(moment);
			for (ZoneId zone : zones) {
				for (Granularity g : Granularity.values()) {
					for (Long teamId : new Long[] { team, null }) {
						for (LocalDate[] range : new LocalDate[][] {
								{ LocalDate.of(2030, 9, 17), LocalDate.of(2031, 3, 16) },
								{ LocalDate.of(2031, 1, 1), LocalDate.of(2031, 1, 31) },
								{ LocalDate.of(2029, 11, 1), LocalDate.of(2030, 2, 3) } }) {
							List<ServicePeriod> periods = trends.backlogAndSla(range[0], range[1], g, teamId, zone);
							assertThat(periods).as("%s %s %s team %s %s", moment, zone, g, teamId, range[0])
								.isEqualTo(everyTicket(range[0], range[1], g, teamId, zone))
								.isNotEmpty();
							compared++;
						}
					}
				}
			}
		}
		assertThat(compared).isEqualTo(moments.size() * zones.size() * Granularity.values().length * 2 * 3);
	}

	/**
	 * The statement the dashboard ran before: every ticket opened before the range ends.
	 */
	private List<ServicePeriod> everyTicket(LocalDate from, LocalDate to, Granularity g, Long teamId, ZoneId zone) {
		String team = teamId == null ? "" : " and " + TicketFilter.teamCondition("t.assignee_id", "t.account_id");
		return jdbc
			.sql("""
					with periods as (
					  select g::date as period_start, greatest(g, cast(:from as timestamp)) as s,
					         least(g + cast(:step as interval), cast(:toExcl as timestamp)) as e
					  from generate_series(date_trunc(:unit, cast(:from as timestamp)), cast(:to as timestamp),
					                       cast(:step as interval)) g
					), bounds as (
					  select p.period_start, p.s::date as from_day, (p.e - interval '1 day')::date as to_day,
					         p.s at time zone :zone as st, p.e at time zone :zone as et
					  from periods p
					), range as (
					  select min(st) as st, max(et) as et, min(period_start) as first_period from bounds
					), scoped as materialized (
					  select date_trunc(:unit, t.opened_at at time zone :zone) as opened_bucket, t.opened_at,
					         least(t.resolved_at, t.closed_at) as ended_at, t.first_response_due_at, t.first_responded_at,
					         t.resolution_due_at, t.resolved_at
					  from tickets t where t.opened_at < (select et from range) %s
					), moves as (
					  select opened_bucket as bucket, 1 as d from scoped
					  union all
					  select date_trunc(:unit, ended_at at time zone :zone), -1 from scoped where ended_at < (select et from range)
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
					  from scoped where opened_at >= (select st from range)
					  group by opened_bucket
					)
					select b.period_start, b.from_day as "from", b.to_day as "to",
					  ((select coalesce(sum(delta), 0) from per_period where bucket < (select first_period from range))
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
			.params(Map.of("from", from, "to", to, "toExcl", to.plusDays(1), "unit", g.truncUnit, "step", g.step,
					"zone", zone.getId()))
			.param("now", Timestamp.from(clock.instant()))
			.param("team", teamId, java.sql.Types.BIGINT)
			.query(ServicePeriod.class)
			.list();
	}

	private static Timestamp at(Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}

}
