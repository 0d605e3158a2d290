package org.opencrm.service.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.test.RollUpCheck;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The dashboard's ticket roll-up ({@code ticket_day_stats}, {@code ticket_open_totals},
 * {@code ticket_sla_pending}, {@code ticket_sla_pending_minutes}, kept by triggers on
 * tickets, accounts and users) always equals adding up the tickets by the teams of their
 * assignee and their account's owner — after tickets are opened, answered, resolved,
 * reopened, closed, reassigned, moved to another account (a merge), deleted and written
 * in bulk, after an account changes owner (to another team) and after people change team.
 */
@SpringBootTest(properties = "crm.scheduling.enabled=false")
class TicketDayStatsTest {

	@Autowired
	JdbcClient jdbc;

	record Day(String day, long assigneeTeamId, long ownerTeamId, long opened, long ended, long frDue, long frMet,
			long resDue, long resMet) {
	}

	record Open(long assigneeTeamId, long ownerTeamId, long open) {
	}

	private static final String TEAMS = """
			from tickets t left join users ua on ua.id = t.assignee_id
			left join accounts a on a.id = t.account_id left join users uo on uo.id = a.owner_id
			""";

	/** The roll-up's rows that count (a row can net to nothing after moves). */
	static final String ROLL_UP = """
			select day::text, assignee_team_id, owner_team_id, opened, ended, fr_due, fr_met, res_due, res_met
			from ticket_day_stats
			where opened <> 0 or ended <> 0 or fr_due <> 0 or fr_met <> 0 or res_due <> 0 or res_met <> 0
			order by 1, 2, 3
			""";

	/**
	 * The same figures added up from the tickets: opened on their day, ended on theirs.
	 */
	static final String LIVE = """
			select day::text, at as assignee_team_id, ot as owner_team_id, sum(opened) as opened, sum(ended) as ended,
			       sum(fr_due) as fr_due, sum(fr_met) as fr_met, sum(res_due) as res_due, sum(res_met) as res_met
			from (
			  select (t.opened_at at time zone 'UTC')::date as day, coalesce(ua.team_id, 0) as at,
			         coalesce(uo.team_id, 0) as ot, 1 as opened, 0 as ended,
			         (t.first_response_due_at is not null)::int as fr_due,
			         coalesce(t.first_responded_at <= t.first_response_due_at, false)::int as fr_met,
			         (t.resolution_due_at is not null)::int as res_due,
			         coalesce(t.resolved_at <= t.resolution_due_at, false)::int as res_met
			""" + TEAMS + """
			  union all
			  select (least(t.resolved_at, t.closed_at) at time zone 'UTC')::date, coalesce(ua.team_id, 0),
			         coalesce(uo.team_id, 0), 0, 1, 0, 0, 0, 0
			""" + TEAMS + """
			  where least(t.resolved_at, t.closed_at) is not null
			) x
			group by 1, 2, 3 order by 1, 2, 3
			""";

	static final String OPEN_ROLL_UP = """
			select assignee_team_id, owner_team_id, open from ticket_open_totals where open <> 0 order by 1, 2
			""";

	static final String OPEN_LIVE = "select coalesce(ua.team_id, 0) as assignee_team_id,"
			+ " coalesce(uo.team_id, 0) as owner_team_id, count(*) as open " + TEAMS
			+ " where t.resolved_at is null and t.closed_at is null group by 1, 2 order by 1, 2";

	record Pending(String dueHour, String day, long assigneeTeamId, long ownerTeamId, long firstResponse,
			long resolution) {
	}

	/**
	 * Every row of {@code ticket_sla_pending} (by hour due) or
	 * {@code ticket_sla_pending_minutes} (by minute due); the triggers leave none at
	 * zero.
	 */
	static String pendingRollUp(String table, String due) {
		return """
				select to_char(%s at time zone 'UTC', 'YYYY-MM-DD HH24:MI') as due_hour, day::text, assignee_team_id,
				       owner_team_id, first_response, resolution
				from %s order by 1, 2, 3, 4
				""".formatted(due, table);
	}

	/**
	 * Targets not met yet, by the hour (minute) they fall due: what the roll-up must
	 * hold.
	 */
	static String pendingLive(String unit) {
		return """
				select to_char(due at time zone 'UTC', 'YYYY-MM-DD HH24:MI') as due_hour, day::text,
				       at as assignee_team_id, ot as owner_team_id, sum(fr) as first_response, sum(res) as resolution
				from (
				  select date_trunc('%1$s', t.first_response_due_at at time zone 'UTC') at time zone 'UTC' as due,
				         (t.opened_at at time zone 'UTC')::date as day, coalesce(ua.team_id, 0) as at,
				         coalesce(uo.team_id, 0) as ot, 1 as fr, 0 as res
				""".formatted(unit) + TEAMS + """
				  where t.first_response_due_at is not null and t.first_responded_at is null
				  union all
				  select date_trunc('%1$s', t.resolution_due_at at time zone 'UTC') at time zone 'UTC',
				         (t.opened_at at time zone 'UTC')::date, coalesce(ua.team_id, 0), coalesce(uo.team_id, 0), 0, 1
				""".formatted(unit) + TEAMS + """
				  where t.resolution_due_at is not null and t.resolved_at is null
				) x
				group by 1, 2, 3, 4 order by 1, 2, 3, 4
				""";
	}

	void assertRollUpIsLive() {
		RollUpCheck.of(jdbc, "ticket_day_stats", Day.class, ROLL_UP, LIVE).assertLive();
		RollUpCheck.of(jdbc, "ticket_open_totals", Open.class, OPEN_ROLL_UP, OPEN_LIVE).mayBeEmpty().assertLive();
		RollUpCheck
			.of(jdbc, "ticket_sla_pending (no row left at zero)", Pending.class,
					pendingRollUp("ticket_sla_pending", "due_hour"), pendingLive("hour"))
			.assertLive();
		RollUpCheck<Pending> byMinute = RollUpCheck.of(jdbc, "ticket_sla_pending_minutes (no row left at zero)",
				Pending.class, pendingRollUp("ticket_sla_pending_minutes", "due_minute"), pendingLive("minute"));
		assertThat(byMinute.live()).extracting(Pending::dueHour)
			.as("targets due off the hour")
			.anyMatch(due -> !due.endsWith(":00"));
		byMinute.assertLive();
	}

	long team(String tag) {
		return jdbc.sql("insert into teams (name) values (?) returning id")
			.param("Trend " + tag + " " + UUID.randomUUID().toString().substring(0, 6))
			.query(Long.class)
			.single();
	}

	long user(String role, Long team) {
		String name = "td" + UUID.randomUUID().toString().substring(0, 10);
		return jdbc
			.sql("""
					insert into users (username, full_name, password_hash, role, team_id) values (?, ?, 'x', ?, ?) returning id
					""")
			.params(name, name, role, team)
			.query(Long.class)
			.single();
	}

	long account(long owner) {
		return jdbc.sql("insert into accounts (name, lifecycle_stage, owner_id) values (?, 'CUSTOMER', ?) returning id")
			.params("Trend account " + UUID.randomUUID(), owner)
			.query(Long.class)
			.single();
	}

	long ticket(Long assignee, Long account, Instant opened) {
		return jdbc
			.sql("""
					insert into tickets (number, subject, type, priority, status, channel, assignee_id, account_id, opened_at,
					  first_response_due_at, resolution_due_at, queue_sort_at)
					values (?, 'Trend', 'INCIDENT', 'NORMAL', 'OPEN', 'EMAIL', ?, ?, ?, ?, ?, ?)
					returning id
					""")
			.params("TD-" + UUID.randomUUID().toString().substring(0, 12), assignee, account, at(opened),
					at(opened.plusSeconds(4 * 3600)), at(opened.plusSeconds(48 * 3600)), at(opened))
			.query(Long.class)
			.single();
	}

	@Test
	void theRollUpEqualsTheTicketsAfterEveryKindOfWrite() {
		long support = team("support");
		long sales = team("sales");
		long other = team("other");
		long agent = user("SUPPORT_AGENT", support);
		long agent2 = user("SUPPORT_AGENT", other);
		long rep = user("SALES_REP", sales);
		long rep2 = user("SALES_REP", other);
		long account = account(rep);
		long account2 = account(rep2);
		Instant t0 = Instant.parse("2033-03-30T22:30:00Z");
		long a = ticket(agent, account, t0);
		long b = ticket(null, account, t0.plusSeconds(3600));
		long c = ticket(agent2, null, t0.plusSeconds(86_400));
		long d = ticket(agent, account2, t0.plusSeconds(2 * 86_400));
		assertRollUpIsLive();

		// Answered in time, resolved late, reopened, closed; reassigned; moved to another
		// account (as a merge does); deleted.
		jdbc.sql("update tickets set first_responded_at = opened_at + interval '1 hour' where id = ?")
			.param(a)
			.update();
		jdbc.sql(
				"update tickets set status = 'RESOLVED', resolved_at = opened_at + interval '3 days' where id in (?, ?)")
			.params(a, c)
			.update();
		assertRollUpIsLive();
		jdbc.sql("update tickets set status = 'OPEN', resolved_at = null where id = ?").param(a).update();
		jdbc.sql("update tickets set status = 'CLOSED', closed_at = opened_at + interval '1 day' where id = ?")
			.param(b)
			.update();
		jdbc.sql("update tickets set assignee_id = ? where id = ?").params(agent2, a).update();
		jdbc.sql("update tickets set account_id = ? where account_id = ?").params(account2, account).update();
		jdbc.sql("update tickets set subject = 'Nothing counted changes' where id = ?").param(d).update();
		assertRollUpIsLive();
		jdbc.sql("delete from tickets where id = ?").param(d).update();
		assertRollUpIsLive();

		// The account's owner moves to another team's rep; people change team (one of
		// them both an assignee and an owner); someone leaves every team.
		jdbc.sql("update tickets set account_id = ? where id = ?").params(account, b).update();
		jdbc.sql("update accounts set owner_id = ? where id = ?").params(rep2, account).update();
		assertRollUpIsLive();
		jdbc.sql("update users set team_id = ? where id in (?, ?)").params(sales, agent2, rep2).update();
		assertRollUpIsLive();
		jdbc.sql("update users set team_id = null where id = ?").param(rep2).update();
		jdbc.sql("update accounts set owner_id = ? where id = ?").params(rep, account2).update();
		assertRollUpIsLive();

		// Tickets in bulk, every 7 hours, some answered, resolved or closed.
		jdbc.sql(
				"""
						insert into tickets (number, subject, type, priority, status, channel, assignee_id, account_id, opened_at,
						  first_response_due_at, first_responded_at, resolution_due_at, resolved_at, closed_at, queue_sort_at)
						select 'TDB-' || g || '-' || ?, 'Bulk', 'INCIDENT', 'NORMAL', 'OPEN', 'EMAIL',
						       case g % 3 when 0 then ? when 1 then ? end, case when g % 2 = 0 then ? else ? end,
						       timestamptz '2033-04-01 00:00Z' + g * interval '7 hours',
						       timestamptz '2033-04-01 04:00Z' + g * interval '7 hours',
						       case when g % 4 = 0 then timestamptz '2033-04-01 02:00Z' + g * interval '7 hours' end,
						       timestamptz '2033-04-03 00:00Z' + g * interval '7 hours',
						       case when g % 5 = 0 then timestamptz '2033-04-04 00:00Z' + g * interval '7 hours' end,
						       case when g % 7 = 0 then timestamptz '2033-04-02 00:00Z' + g * interval '7 hours' end,
						       timestamptz '2033-04-01 00:00Z'
						from generate_series(1, 120) g
						""")
			.params(UUID.randomUUID().toString().substring(0, 8), agent, agent2, account, account2)
			.update();
		assertRollUpIsLive();
	}

	private static Timestamp at(Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}

}
