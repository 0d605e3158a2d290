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
import org.opencrm.core.port.CustomerReferences;
import org.opencrm.core.port.RecordMerge;
import org.opencrm.service.ticket.TicketFilter;
import org.opencrm.test.RollUpCheck;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The dashboard's CSAT roll-up ({@code csat_day_stats}, kept by triggers on surveys,
 * accounts and users) always equals adding up the surveys by the teams of their agent and
 * their account's owner — after surveys are sent, answered, re-rated, commented, moved to
 * another agent, their account merged into another or erased, deleted and written in
 * bulk, after an account changes owner and after people change team; and the dashboard's
 * CSAT per month read from it equals counting every survey, for a team and for everyone,
 * in UTC and in zones whose midnight is not UTC's.
 */
@SpringBootTest(properties = "crm.scheduling.enabled=false")
class CsatDayStatsTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ServiceTrendQuery trends;

	@Autowired
	List<RecordMerge> merges;

	@Autowired
	List<CustomerReferences> references;

	@Autowired
	PlatformTransactionManager transactions;

	record Day(String day, long agentTeamId, long ownerTeamId, long surveys, long responses, long ratingSum) {
	}

	/** The roll-up's rows that count (a row can net to nothing after moves). */
	static final String ROLL_UP = """
			select day::text, agent_team_id, owner_team_id, surveys, responses, rating_sum from csat_day_stats
			where surveys <> 0 or responses <> 0 or rating_sum <> 0
			order by 1, 2, 3
			""";

	/** The same figures added up from the surveys. */
	static final String LIVE = """
			select (s.resolved_at at time zone 'UTC')::date::text as day, coalesce(ua.team_id, 0) as agent_team_id,
			       coalesce(uo.team_id, 0) as owner_team_id, count(*) as surveys, count(s.rating) as responses,
			       coalesce(sum(s.rating), 0) as rating_sum
			from csat_surveys s left join users ua on ua.id = s.agent_id
			left join accounts a on a.id = s.account_id left join users uo on uo.id = a.owner_id
			group by 1, 2, 3 order by 1, 2, 3
			""";

	void assertRollUpIsLive() {
		RollUpCheck.of(jdbc, "csat_day_stats", Day.class, ROLL_UP, LIVE).assertLive();
	}

	long team(String tag) {
		return jdbc.sql("insert into teams (name) values (?) returning id")
			.param("Csat " + tag + " " + UUID.randomUUID().toString().substring(0, 6))
			.query(Long.class)
			.single();
	}

	long user(String role, Long team) {
		String name = "cd" + UUID.randomUUID().toString().substring(0, 10);
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
			.params("Csat account " + UUID.randomUUID(), owner)
			.query(Long.class)
			.single();
	}

	long survey(Long agent, Long account, Instant resolved, Integer rating) {
		return jdbc.sql("""
				insert into csat_surveys (ticket_id, agent_id, account_id, resolved_at, rating, first_rated_at)
				values (?, ?, ?, ?, ?, ?) returning id
				""")
			.params(Math.abs(UUID.randomUUID().getMostSignificantBits()), agent, account, Timestamp.from(resolved),
					rating, rating == null ? null : Timestamp.from(resolved))
			.query(Long.class)
			.single();
	}

	@Test
	void theRollUpEqualsTheSurveysAfterEveryKindOfWrite() {
		long support = team("support");
		long sales = team("sales");
		long other = team("other");
		long agent = user("SUPPORT_AGENT", support);
		long agent2 = user("SUPPORT_AGENT", other);
		long rep = user("SALES_REP", sales);
		long rep2 = user("SALES_REP", other);
		long account = account(rep);
		long account2 = account(rep2);
		long account3 = account(rep);
		Instant t0 = Instant.parse("2033-03-30T22:30:00Z");
		long a = survey(agent, account, t0, null);
		long b = survey(null, account, t0.plusSeconds(3600), 4);
		long c = survey(agent2, null, t0.plusSeconds(86_400), 2);
		long d = survey(agent, account2, t0.plusSeconds(2 * 86_400), 5);
		survey(agent2, account3, t0.plusSeconds(3 * 86_400), 3);
		assertRollUpIsLive();

		// Answered, re-rated, commented (nothing counted changes), sent; another agent.
		jdbc.sql("update csat_surveys set rating = 3, first_rated_at = resolved_at where id = ?").param(a).update();
		jdbc.sql("update csat_surveys set rating = 1 where id = ?").param(b).update();
		jdbc.sql("update csat_surveys set comment = 'Fine', sent_at = resolved_at where id in (?, ?)")
			.params(c, d)
			.update();
		jdbc.sql("update csat_surveys set agent_id = ? where id = ?").params(agent2, a).update();
		assertRollUpIsLive();

		// The account merged into another; an erased account's surveys stay, without it.
		TransactionTemplate tx = new TransactionTemplate(transactions);
		tx.executeWithoutResult(status -> merges.forEach(m -> m.moveAccount(account, account2)));
		assertRollUpIsLive();
		tx.executeWithoutResult(status -> references.forEach(r -> r.releaseAccount(account3)));
		assertRollUpIsLive();
		jdbc.sql("delete from csat_surveys where id = ?").param(d).update();
		assertRollUpIsLive();

		// The account's owner moves to another team's rep; people change team (one of
		// them both an agent and an owner); someone leaves every team.
		jdbc.sql("update csat_surveys set account_id = ? where id = ?").params(account, b).update();
		jdbc.sql("update accounts set owner_id = ? where id = ?").params(rep2, account).update();
		assertRollUpIsLive();
		jdbc.sql("update users set team_id = ? where id in (?, ?)").params(sales, agent2, rep2).update();
		assertRollUpIsLive();
		jdbc.sql("update users set team_id = null where id = ?").param(rep2).update();
		jdbc.sql("update accounts set owner_id = ? where id = ?").params(rep, account2).update();
		assertRollUpIsLive();

		// Surveys in bulk, every 7 hours, some answered.
		jdbc.sql("""
				insert into csat_surveys (ticket_id, agent_id, account_id, resolved_at, rating, first_rated_at)
				select 900000000 + g + ?, case g % 3 when 0 then ? when 1 then ? end,
				       case when g % 2 = 0 then ? else ? end, timestamptz '2033-04-01 00:00Z' + g * interval '7 hours',
				       case when g % 4 <> 0 then 1 + g % 5 end,
				       case when g % 4 <> 0 then timestamptz '2033-04-01 00:00Z' + g * interval '7 hours' end
				from generate_series(1, 120) g
				""")
			.params(Math.abs(new Random().nextInt(1_000_000)) * 1000L, agent, agent2, account, account2)
			.update();
		assertRollUpIsLive();
	}

	@Test
	void csatPerMonthFromTheRollUpEqualsCountingEverySurvey() {
		long team = team("reading");
		long agent = user("SUPPORT_AGENT", team);
		long rep = user("SALES_REP", team);
		long outsider = user("SUPPORT_AGENT", null);
		long customer = account(rep);
		long stranger = account(outsider);
		Random random = new Random(23);
		Instant start = Instant.parse("2030-01-01T00:00:00Z");
		for (int i = 0; i < 300; i++) {
			// Any quarter hour, so some fall between a local midnight and the UTC one.
			Instant resolved = start.plus(random.nextInt(540 * 24 * 4) * 15L, ChronoUnit.MINUTES);
			survey(random.nextBoolean() ? agent : outsider, random.nextBoolean() ? customer : stranger, resolved,
					random.nextInt(3) == 0 ? null : 1 + random.nextInt(5));
		}
		int compared = 0;
		List<ZoneId> zones = List.of(ZoneId.of("UTC"), ZoneId.of("Europe/Berlin"), ZoneId.of("Asia/Kathmandu"),
				ZoneId.of("America/New_York"));
		for (ZoneId zone : zones) {
			for (Granularity g : Granularity.values()) {
				for (Long teamId : new Long[] { team, null }) {
					for (LocalDate[] range : new LocalDate[][] {
							{ LocalDate.of(2030, 9, 17), LocalDate.of(2031, 3, 16) },
							{ LocalDate.of(2031, 1, 1), LocalDate.of(2031, 1, 31) },
							{ LocalDate.of(2029, 11, 1), LocalDate.of(2030, 2, 3) } }) {
						assertThat(trends.csat(range[0], range[1], g, teamId, zone))
							.as("%s %s team %s %s", zone, g, teamId, range[0])
							.isEqualTo(everySurvey(range[0], range[1], g, teamId, zone))
							.isNotEmpty();
						compared++;
					}
				}
			}
		}
		assertThat(compared).isEqualTo(zones.size() * Granularity.values().length * 2 * 3);
	}

	/** The statement the dashboard ran before: every survey of the range. */
	private List<CsatPeriod> everySurvey(LocalDate from, LocalDate to, Granularity g, Long teamId, ZoneId zone) {
		String team = teamId == null ? "" : " and " + TicketFilter.teamCondition("s.agent_id", "s.account_id");
		return jdbc.sql("""
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
				select b.period_start, b.from_day as "from", b.to_day as "to", count(s.id) as surveys,
				       count(s.rating) as responses, round(avg(s.rating), 2) as average
				from bounds b
				left join csat_surveys s on s.resolved_at >= b.st and s.resolved_at < b.et %s
				group by b.period_start, b.from_day, b.to_day
				order by b.period_start
				""".formatted(team))
			.params(Map.of("from", from, "to", to, "toExcl", to.plusDays(1), "unit", g.truncUnit, "step", g.step,
					"zone", zone.getId()))
			.param("team", teamId, java.sql.Types.BIGINT)
			.query(CsatPeriod.class)
			.list();
	}

}
