package org.opencrm.sales.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.opencrm.core.user.Visibility;
import org.opencrm.sales.SalesRows;
import org.opencrm.sales.insight.MonthWinRate;
import org.opencrm.sales.insight.SalesDashboardQuery;
import org.opencrm.test.RollUpCheck;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The roll-up of closed deals ({@code opportunity_closed_stats}, kept by triggers on
 * opportunities) always equals adding up the deals themselves — after deals are won,
 * lost, reopened, moved to another owner, currency, amount or close time (across a
 * month), merged away, deleted and written in bulk — and the win rate by month read from
 * it equals counting the deals, in zones on and off the UTC day (Berlin, Kathmandu, New
 * York) and for a range that starts and ends mid-month.
 */
@SpringBootTest
class ClosedDealStatsTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SalesDashboardQuery dashboard;

	record Figures(long ownerId, String grain, String period, String currency, String status, long deals,
			BigDecimal amount, BigDecimal cycleSeconds) {
	}

	/** The roll-up's rows that count (a row can net to nothing after moves). */
	static final String ROLL_UP = """
			select owner_id, grain, period::text, currency, status, deals, amount::numeric(20, 2), cycle_seconds::numeric(30, 6)
			from opportunity_closed_stats where deals <> 0 or amount <> 0 or cycle_seconds <> 0
			order by 1, 2, 3, 4, 5
			""";

	/** The same figures added up from the deals. */
	static final String LIVE = """
			select owner_id, grain, period::text, currency, status, count(*) as deals, sum(amount)::numeric(20, 2) as amount,
			       sum(extract(epoch from (closed_at - created_at)))::numeric(30, 6) as cycle_seconds
			from (
			  select o.*, 'day' as grain, (o.closed_at at time zone 'UTC')::date as period from opportunities o
			  union all
			  select o.*, 'month', date_trunc('month', o.closed_at at time zone 'UTC')::date from opportunities o
			) d
			where status in ('WON', 'LOST') and closed_at is not null
			group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5
			""";

	void assertRollUpIsLive() {
		RollUpCheck.of(jdbc, "opportunity_closed_stats", Figures.class, ROLL_UP, LIVE).assertLive();
	}

	@Test
	void theRollUpEqualsTheDealsAfterEveryKindOfWrite() {
		SalesRows rows = new SalesRows(jdbc);
		long team = rows.team();
		long ada = rows.user("SALES_REP", team);
		long ben = rows.user("SALES_REP", rows.team());
		var stages = rows.pipeline();
		long account = rows.account();
		long won = rows.deal(stages, ada, account)
			.won(Instant.parse("2031-03-31T23:30:00Z"))
			.created(Instant.parse("2031-03-01T10:00:00Z"))
			.amount("1200")
			.insert();
		long lost = rows.deal(stages, ada, account).lost(Instant.parse("2031-04-02T08:00:00Z"), "Price").insert();
		long open = rows.deal(stages, ben, account).open(stages.propose(), "COMMIT").amount("700").insert();
		assertRollUpIsLive();

		// Won, reopened, moved to another owner, amount, currency and close time (into
		// the next month), lost after all.
		jdbc.sql("update opportunities set status = 'WON', stage_id = ?, closed_at = ? where id = ?")
			.params(stages.won(), Timestamp.from(Instant.parse("2031-04-15T12:00:00Z")), open)
			.update();
		assertRollUpIsLive();
		jdbc.sql("update opportunities set status = 'OPEN', stage_id = ?, closed_at = null where id = ?")
			.params(stages.propose(), won)
			.update();
		assertRollUpIsLive();
		jdbc.sql("update opportunities set owner_id = ? where id = ?").params(ben, lost).update();
		jdbc.sql("update opportunities set amount = 999.99, currency = 'USD' where id = ?").param(open).update();
		jdbc.sql("update opportunities set closed_at = closed_at + interval '20 days' where id = ?")
			.param(open)
			.update();
		assertRollUpIsLive();
		jdbc.sql("update opportunities set status = 'LOST', stage_id = ? where id = ?")
			.params(stages.lost(), open)
			.update();
		// A merge of two accounts moves the deals (an update), then one deal is deleted.
		long other = rows.account();
		jdbc.sql("update opportunities set account_id = ?, owner_id = ? where account_id = ?")
			.params(other, ada, account)
			.update();
		jdbc.sql("delete from opportunities where id = ?").param(lost).update();
		assertRollUpIsLive();

		// Deals written in bulk, every nine hours through two months.
		jdbc.sql(
				"""
						insert into opportunities (name, account_id, pipeline_id, stage_id, status, amount, currency, owner_id,
						                           forecast_category, closed_at, created_at, close_date)
						select 'Bulk ' || g, ?, ?, case when g % 3 = 0 then ? else ? end,
						       case when g % 3 = 0 then 'LOST' else 'WON' end, 100 + g, case when g % 4 = 0 then 'USD' else 'EUR' end,
						       case when g % 2 = 0 then ? else ? end, 'CLOSED',
						       timestamptz '2031-05-01 00:00Z' + g * interval '9 hours', timestamptz '2031-04-01 00:00Z',
						       date '2031-05-01'
						from generate_series(1, 160) g
						""")
			.params(other, stages.pipeline(), stages.lost(), stages.won(), ada, ben)
			.update();
		assertRollUpIsLive();
	}

	@Test
	void theWinRateFromTheRollUpEqualsCountingTheDealsInEveryZone() {
		SalesRows rows = new SalesRows(jdbc);
		long team = rows.team();
		long ada = rows.user("SALES_REP", team);
		long ben = rows.user("SALES_REP", team);
		long outsider = rows.user("SALES_REP", rows.team());
		var stages = rows.pipeline();
		long account = rows.account();
		Random random = new Random(7);
		Instant start = Instant.parse("2032-01-01T00:00:00Z");
		for (int i = 0; i < 240; i++) {
			// Every quarter hour of the day, so some fall between local and UTC midnight.
			Instant closed = start.plus(random.nextInt(200 * 96) * 15L, ChronoUnit.MINUTES);
			long owner = new long[] { ada, ben, outsider }[random.nextInt(3)];
			SalesRows.Deal deal = rows.deal(stages, owner, account);
			(random.nextBoolean() ? deal.won(closed) : deal.lost(closed, "Timing")).insert();
		}
		Visibility all = new Visibility(Visibility.Scope.ALL, 0, null);
		Visibility manager = new Visibility(Visibility.Scope.TEAM, rows.user("MANAGER", team), team);
		Visibility outsiderOnly = new Visibility(Visibility.Scope.OWN, outsider, null);
		int compared = 0;
		for (ZoneId zone : List.of(ZoneId.of("UTC"), ZoneId.of("Europe/Berlin"), ZoneId.of("Asia/Kathmandu"),
				ZoneId.of("America/New_York"))) {
			for (LocalDate[] range : new LocalDate[][] { { LocalDate.of(2032, 1, 1), LocalDate.of(2032, 7, 31) },
					{ LocalDate.of(2032, 2, 17), LocalDate.of(2032, 5, 9) },
					{ LocalDate.of(2032, 3, 30), LocalDate.of(2032, 3, 30) } }) {
				for (Long teamId : new Long[] { team, null }) {
					List<MonthWinRate> months = dashboard.winRateByMonth(all, teamId, range[0], range[1], zone);
					assertThat(months).as("%s %s team %s", zone, range[0], teamId)
						.isEqualTo(counted(range[0], range[1], zone, teamId));
					compared++;
				}
				// The team's manager (the team roll-up) and a rep (the owners' roll-up).
				assertThat(dashboard.winRateByMonth(manager, team, range[0], range[1], zone))
					.as("%s %s manager", zone, range[0])
					.isEqualTo(counted(range[0], range[1], zone, team));
				assertThat(dashboard.winRateByMonth(outsiderOnly, null, range[0], range[1], zone))
					.as("%s %s rep", zone, range[0])
					.isEqualTo(counted(range[0], range[1], zone, null, outsider));
				compared += 2;
			}
		}
		assertThat(compared).isEqualTo(48);
	}

	/** The won and lost deals of each month, counted from the deals. */
	private List<MonthWinRate> counted(LocalDate from, LocalDate to, ZoneId zone, Long teamId) {
		return counted(from, to, zone, teamId, null);
	}

	private List<MonthWinRate> counted(LocalDate from, LocalDate to, ZoneId zone, Long teamId, Long ownerId) {
		List<MonthWinRate> months = new ArrayList<>();
		for (LocalDate m = from.withDayOfMonth(1); !m.isAfter(to); m = m.plusMonths(1)) {
			LocalDate s = m.isBefore(from) ? from : m;
			LocalDate e = m.plusMonths(1).isAfter(to.plusDays(1)) ? to.plusDays(1) : m.plusMonths(1);
			long[] wonLost = jdbc.sql("""
					select count(*) filter (where status = 'WON'), count(*) filter (where status = 'LOST')
					from opportunities o
					where closed_at >= ? and closed_at < ? and status in ('WON', 'LOST')
					  and (cast(? as bigint) is null or owner_id in (select id from users where team_id = ?))
					  and (cast(? as bigint) is null or owner_id = ?)
					""")
				.params(Timestamp.from(s.atStartOfDay(zone).toInstant()),
						Timestamp.from(e.atStartOfDay(zone).toInstant()), teamId, teamId, ownerId, ownerId)
				.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) })
				.single();
			months.add(new MonthWinRate(java.time.YearMonth.from(m), s, e.minusDays(1), wonLost[0], wonLost[1]));
		}
		return months;
	}

}
