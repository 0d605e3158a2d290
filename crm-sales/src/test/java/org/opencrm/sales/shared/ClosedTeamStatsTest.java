package org.opencrm.sales.shared;

import java.sql.Timestamp;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.opencrm.sales.SalesRows;
import org.opencrm.test.RollUpCheck;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The win rate's roll-up per team ({@code opportunity_closed_team_stats}, kept by the
 * closed deals' fold and a trigger on users) always equals counting the closed deals by
 * their owner's team now — after deals are won, lost, reopened, moved to an owner in
 * another team, moved in time, deleted and written in bulk, and after people change team
 * or leave every team.
 */
@SpringBootTest
class ClosedTeamStatsTest {

	@Autowired
	JdbcClient jdbc;

	record Counts(String grain, String period, long teamId, String status, long deals) {
	}

	static final String ROLL_UP = """
			select grain, period::text, team_id, status, deals
			from opportunity_closed_team_stats where deals <> 0
			order by 1, 2, 3, 4
			""";

	static final String LIVE = """
			select grain, period::text, coalesce(u.team_id, 0) as team_id, d.status, count(*) as deals
			from (
			  select o.owner_id, o.status, 'day' as grain, (o.closed_at at time zone 'UTC')::date as period
			  from opportunities o where o.status in ('WON', 'LOST') and o.closed_at is not null
			  union all
			  select o.owner_id, o.status, 'month', date_trunc('month', o.closed_at at time zone 'UTC')::date
			  from opportunities o where o.status in ('WON', 'LOST') and o.closed_at is not null
			) d left join users u on u.id = d.owner_id
			group by 1, 2, 3, 4 order by 1, 2, 3, 4
			""";

	void assertRollUpIsLive() {
		RollUpCheck.of(jdbc, "opportunity_closed_team_stats", Counts.class, ROLL_UP, LIVE).assertLive();
	}

	@Test
	void theTeamCountsEqualTheDealsAfterEveryKindOfWrite() {
		SalesRows rows = new SalesRows(jdbc);
		long north = rows.team();
		long south = rows.team();
		long ada = rows.user("SALES_REP", north);
		long ben = rows.user("SALES_REP", south);
		var stages = rows.pipeline();
		long account = rows.account();
		long won = rows.deal(stages, ada, account).won(Instant.parse("2033-03-31T23:30:00Z")).insert();
		long lost = rows.deal(stages, ada, account).lost(Instant.parse("2033-04-02T08:00:00Z"), "Price").insert();
		long open = rows.deal(stages, ben, account).open(stages.propose(), "COMMIT").insert();
		assertRollUpIsLive();

		// Won, reopened, to an owner of the other team, later in time, lost, deleted.
		jdbc.sql("update opportunities set status = 'WON', stage_id = ?, closed_at = ? where id = ?")
			.params(stages.won(), Timestamp.from(Instant.parse("2033-04-15T12:00:00Z")), open)
			.update();
		jdbc.sql("update opportunities set status = 'OPEN', stage_id = ?, closed_at = null where id = ?")
			.params(stages.propose(), won)
			.update();
		assertRollUpIsLive();
		jdbc.sql("update opportunities set owner_id = ? where id = ?").params(ben, lost).update();
		jdbc.sql("update opportunities set closed_at = closed_at + interval '20 days' where id = ?")
			.param(open)
			.update();
		jdbc.sql("update opportunities set status = 'LOST', stage_id = ? where id = ?")
			.params(stages.lost(), open)
			.update();
		assertRollUpIsLive();
		jdbc.sql("delete from opportunities where id = ?").param(lost).update();
		assertRollUpIsLive();

		// Bulk, both owners, every nine hours through two months.
		jdbc.sql("""
				insert into opportunities (name, account_id, pipeline_id, stage_id, status, amount, currency, owner_id,
				                           forecast_category, closed_at, created_at, close_date)
				select 'Bulk ' || g, ?, ?, case when g % 3 = 0 then ? else ? end,
				       case when g % 3 = 0 then 'LOST' else 'WON' end, 100 + g, 'EUR',
				       case when g % 2 = 0 then ? else ? end, 'CLOSED',
				       timestamptz '2033-05-01 00:00Z' + g * interval '9 hours', timestamptz '2033-04-01 00:00Z',
				       date '2033-05-01'
				from generate_series(1, 160) g
				""").params(account, stages.pipeline(), stages.lost(), stages.won(), ada, ben).update();
		assertRollUpIsLive();

		// People change team: Ada to the south, Ben to none, both back in one statement.
		jdbc.sql("update users set team_id = ? where id = ?").params(south, ada).update();
		assertRollUpIsLive();
		jdbc.sql("update users set team_id = null where id = ?").param(ben).update();
		assertRollUpIsLive();
		jdbc.sql("update users set team_id = case when id = ? then ? else ? end where id in (?, ?)")
			.params(ada, north, south, ada, ben)
			.update();
		assertRollUpIsLive();

		// A deal closed by someone in no team, then the rebuild gives the same rows.
		jdbc.sql("update users set team_id = null where id = ?").param(ada).update();
		rows.deal(stages, ada, account).won(Instant.parse("2033-07-01T00:00:00Z")).insert();
		assertRollUpIsLive();
		jdbc.sql("select opportunity_closed_rebuild()").query().singleRow();
		assertRollUpIsLive();
	}

}
