package org.opencrm.sales.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.opencrm.core.user.Visibility;
import org.opencrm.sales.SalesRows;
import org.opencrm.sales.shared.Period;
import org.opencrm.test.RollUpCheck;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The roll-up of open deals ({@code opportunity_open_forecast}, kept by triggers on
 * opportunities) always equals adding up the open deals — after deals are inserted, moved
 * to another owner, stage, amount, currency or close date (across a month), won, lost,
 * reopened, merged away, deleted and written in bulk — and the forecast by rep read from
 * the roll-ups equals summing the deals themselves, in zones on and off the UTC day (UTC,
 * Kathmandu, New York), for a month and a quarter, a team and everyone.
 */
@SpringBootTest
class ForecastRollUpTest {

	@Autowired
	JdbcClient jdbc;

	record Figures(long ownerId, String closeMonth, long stageId, String currency, String category, long deals,
			BigDecimal amount) {
	}

	/** The roll-up's rows that count (a row can net to nothing after moves). */
	static final String ROLL_UP = """
			select owner_id, close_month::text as close_month, stage_id, currency, forecast_category as category, deals,
			       amount::numeric(20, 2) as amount
			from opportunity_open_forecast where deals <> 0 or amount <> 0
			order by 1, 2, 3, 4, 5
			""";

	/** The same figures added up from the open deals. */
	static final String LIVE = """
			select owner_id, date_trunc('month', close_date)::date::text as close_month, stage_id,
			       currency::varchar(3) as currency, forecast_category as category, count(*) as deals,
			       sum(amount)::numeric(20, 2) as amount
			from opportunities where status = 'OPEN'
			group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5
			""";

	record Mix(long ownerId, String grain, String period, String currency, String status, String lostReason,
			String source, long deals, BigDecimal amount) {
	}

	/** The rows of {@code opportunity_closed_mix} that count. */
	static final String MIX_ROLL_UP = """
			select owner_id, grain, period::text as period, currency, status, lost_reason, source, deals,
			       amount::numeric(20, 2) as amount
			from opportunity_closed_mix where deals <> 0 or amount <> 0
			order by 1, 2, 3, 4, 5, 6, 7
			""";

	/** The same figures added up from the won and lost deals. */
	static final String MIX_LIVE = """
			select owner_id, grain, period::text as period, currency::varchar(3) as currency, status,
			       coalesce(lost_reason, '') as lost_reason, coalesce(source, '') as source, count(*) as deals,
			       sum(amount)::numeric(20, 2) as amount
			from (
			  select o.*, 'day' as grain, (o.closed_at at time zone 'UTC')::date as period from opportunities o
			  union all
			  select o.*, 'month', date_trunc('month', o.closed_at at time zone 'UTC')::date from opportunities o
			) d
			where status in ('WON', 'LOST') and closed_at is not null
			group by 1, 2, 3, 4, 5, 6, 7 order by 1, 2, 3, 4, 5, 6, 7
			""";

	void assertRollUpIsLive() {
		RollUpCheck.of(jdbc, "opportunity_open_forecast", Figures.class, ROLL_UP, LIVE).assertLive();
		RollUpCheck.of(jdbc, "opportunity_closed_mix", Mix.class, MIX_ROLL_UP, MIX_LIVE).mayBeEmpty().assertLive();
	}

	@Test
	void theRollUpEqualsTheOpenDealsAfterEveryKindOfWrite() {
		SalesRows rows = new SalesRows(jdbc);
		long ada = rows.user("SALES_REP", rows.team());
		long ben = rows.user("SALES_REP", rows.team());
		var stages = rows.pipeline();
		long account = rows.account();
		long a = rows.deal(stages, ada, account)
			.open(stages.propose(), "COMMIT")
			.amount("1200")
			.closing(LocalDate.of(2031, 3, 31))
			.insert();
		long b = rows.deal(stages, ada, account)
			.open(stages.qualify(), "PIPELINE")
			.amount("300")
			.closing(LocalDate.of(2031, 4, 2))
			.insert();
		long c = rows.deal(stages, ben, account).won(Instant.parse("2031-04-15T12:00:00Z")).insert();
		assertRollUpIsLive();

		// Owner, stage, amount, currency, category and close date (into the next month).
		jdbc.sql("update opportunities set owner_id = ? where id = ?").params(ben, a).update();
		jdbc.sql("update opportunities set stage_id = ?, forecast_category = 'BEST_CASE' where id = ?")
			.params(stages.negotiate(), b)
			.update();
		jdbc.sql("update opportunities set amount = 999.99, currency = 'USD' where id = ?").param(a).update();
		jdbc.sql("update opportunities set close_date = close_date + 20 where id = ?").param(a).update();
		// An edit that changes nothing counted.
		jdbc.sql("update opportunities set name = name || ' (edited)' where id in (?, ?)").params(a, b).update();
		assertRollUpIsLive();
		// Won, lost, reopened.
		jdbc.sql("update opportunities set status = 'WON', stage_id = ?, closed_at = now() where id = ?")
			.params(stages.won(), a)
			.update();
		jdbc.sql("update opportunities set status = 'LOST', stage_id = ?, closed_at = now() where id = ?")
			.params(stages.lost(), b)
			.update();
		jdbc.sql("update opportunities set lost_reason = 'Timing', source = 'Referral' where id = ?").param(b).update();
		assertRollUpIsLive();
		jdbc.sql("update opportunities set status = 'OPEN', stage_id = ?, closed_at = null where id in (?, ?)")
			.params(stages.propose(), b, c)
			.update();
		assertRollUpIsLive();
		// A merge of two accounts moves the deals (an update), then one deal is deleted.
		long other = rows.account();
		jdbc.sql("update opportunities set account_id = ?, owner_id = ? where account_id = ?")
			.params(other, ada, account)
			.update();
		jdbc.sql("delete from opportunities where id = ?").param(b).update();
		assertRollUpIsLive();

		// Deals written in bulk, a close date every other day through three months, then
		// half of them moved in bulk.
		jdbc.sql("""
				insert into opportunities (name, account_id, pipeline_id, stage_id, status, amount, currency, owner_id,
				                           forecast_category, close_date)
				select 'Bulk ' || g, ?, ?, case when g % 3 = 0 then ? else ? end, 'OPEN', 100 + g,
				       case when g % 4 = 0 then 'USD' else 'EUR' end, case when g % 2 = 0 then ? else ? end,
				       case when g % 5 = 0 then 'OMITTED' else 'COMMIT' end, date '2031-05-01' + 2 * g
				from generate_series(1, 45) g
				""").params(other, stages.pipeline(), stages.qualify(), stages.propose(), ada, ben).update();
		assertRollUpIsLive();
		jdbc.sql(
				"update opportunities set close_date = close_date + 31, owner_id = ? where account_id = ? and amount < 125")
			.params(ben, other)
			.update();
		assertRollUpIsLive();
	}

	@Test
	void theForecastFromTheRollUpsEqualsSummingTheDealsInEveryZone() {
		SalesRows rows = new SalesRows(jdbc);
		long team = rows.team();
		long ada = rows.user("SALES_REP", team);
		long ben = rows.user("SALES_REP", team);
		long outsider = rows.user("SALES_REP", rows.team());
		var stages = rows.pipeline();
		long account = rows.account();
		Random random = new Random(11);
		Instant start = Instant.parse("2033-12-25T00:00:00Z");
		String[] categories = { "COMMIT", "BEST_CASE", "PIPELINE", "OMITTED" };
		long[] openStages = { stages.qualify(), stages.propose(), stages.negotiate() };
		for (int i = 0; i < 300; i++) {
			long owner = new long[] { ada, ben, outsider }[random.nextInt(3)];
			SalesRows.Deal deal = rows.deal(stages, owner, account)
				.amount(String.valueOf(100 + random.nextInt(5000)) + ".25")
				.currency(random.nextInt(4) == 0 ? "USD" : "EUR")
				.created(start.minus(random.nextInt(90), ChronoUnit.DAYS))
				.source(new String[] { "Web", "Referral", null }[random.nextInt(3)]);
			// Every quarter hour, so some close between local and UTC midnight.
			Instant closed = start.plus(random.nextInt(110 * 96) * 15L, ChronoUnit.MINUTES);
			switch (random.nextInt(3)) {
				case 0 -> deal.won(closed);
				case 1 -> deal.lost(closed, new String[] { "Price", "Timing", null }[random.nextInt(3)]);
				default -> deal.open(openStages[random.nextInt(3)], categories[random.nextInt(4)])
					.closing(LocalDate.ofInstant(closed, ZoneId.of("UTC")));
			}
			deal.insert();
		}
		Visibility all = new Visibility(Visibility.Scope.ALL, 0, null);
		int compared = 0;
		for (ZoneId zone : List.of(ZoneId.of("UTC"), ZoneId.of("Asia/Kathmandu"), ZoneId.of("America/New_York"))) {
			ForecastService service = new ForecastService(jdbc, Clock.fixed(start, zone));
			for (Period period : List.of(Period.parse("2034-01"), Period.parse("2034-Q1"), Period.parse("2034-03"))) {
				for (Long teamId : new Long[] { team, null }) {
					List<Line> lines = service.reps(all, new ForecastFilter(period, teamId, null))
						.stream()
						.filter(l -> l.userId() == ada || l.userId() == ben || l.userId() == outsider)
						.map(Line::of)
						.toList();
					assertThat(lines).as("%s %s team %s", zone, period, teamId)
						.isNotEmpty()
						.isEqualTo(summed(period, zone, teamId, List.of(ada, ben, outsider)));
					compared++;
				}
				Forecast forecast = service.forecast(all, new ForecastFilter(period, team, null));
				assertThat(forecast.lostReasons()).as("%s %s", zone, period)
					.isNotEmpty()
					.isEqualTo(lostReasons(period, zone, team));
				assertThat(forecast.sources()).as("%s %s", zone, period)
					.isNotEmpty()
					.isEqualTo(sources(period, zone, team));
			}
		}
		assertThat(compared).isEqualTo(18);
	}

	/**
	 * A manager's forecast reads the roll-ups by their owners (the manager and the team's
	 * people as a key of the primary keys): the same lines, lost reasons and sources as
	 * summing the deals of those owners — also for a manager whose own deals fall outside
	 * the team they see (moved since signing in), and for one rep of the team.
	 */
	@Test
	void aManagersForecastReadByItsOwnersEqualsSummingTheirDeals() {
		SalesRows rows = new SalesRows(jdbc);
		long team = rows.team();
		long boss = rows.user("MANAGER", team);
		long ada = rows.user("SALES_REP", team);
		long moved = rows.user("MANAGER", rows.team());
		long outsider = rows.user("SALES_REP", rows.team());
		var stages = rows.pipeline();
		long account = rows.account();
		Random random = new Random(5);
		Instant start = Instant.parse("2035-12-20T00:00:00Z");
		for (int i = 0; i < 240; i++) {
			long owner = new long[] { boss, ada, moved, outsider }[random.nextInt(4)];
			SalesRows.Deal deal = rows.deal(stages, owner, account)
				.amount(String.valueOf(100 + random.nextInt(5000)) + ".50")
				.currency(random.nextInt(3) == 0 ? "USD" : "EUR")
				.created(start.minus(random.nextInt(60), ChronoUnit.DAYS))
				.source(new String[] { "Web", "Event", null }[random.nextInt(3)]);
			Instant closed = start.plus(random.nextInt(100 * 24) * 60L, ChronoUnit.MINUTES);
			switch (random.nextInt(3)) {
				case 0 -> deal.won(closed);
				case 1 -> deal.lost(closed, new String[] { "Price", "Competitor", null }[random.nextInt(3)]);
				default -> deal.open(stages.propose(), "COMMIT").closing(LocalDate.ofInstant(closed, ZoneId.of("UTC")));
			}
			deal.insert();
		}
		ZoneId zone = ZoneId.of("Europe/Berlin");
		ForecastService service = new ForecastService(jdbc, Clock.fixed(start, zone));
		Period quarter = Period.parse("2036-Q1");
		record Case(Visibility visibility, Long rep, List<Long> owners) {
		}
		List<Case> cases = List.of(
				new Case(new Visibility(Visibility.Scope.TEAM, boss, team), null, List.of(boss, ada)),
				new Case(new Visibility(Visibility.Scope.TEAM, moved, team), null, List.of(moved, boss, ada)),
				new Case(new Visibility(Visibility.Scope.TEAM, boss, team), ada, List.of(ada)),
				new Case(new Visibility(Visibility.Scope.OWN, outsider, null), null, List.of(outsider)));
		for (Case c : cases) {
			Forecast forecast = service.forecast(c.visibility(), new ForecastFilter(quarter, null, c.rep()));
			assertThat(forecast.reps().stream().map(Line::of).toList()).as("%s", c)
				.isNotEmpty()
				.isEqualTo(summed(quarter, zone, null, c.owners()));
			assertThat(forecast.lostReasons()).as("%s", c)
				.isNotEmpty()
				.isEqualTo(closedOf(quarter, zone, c.owners(),
						"""
								select coalesce(o.lost_reason, '') as reason, o.currency, count(*) as deals, sum(o.amount) as amount
								from opportunities o
								where o.status = 'LOST' and o.closed_at >= :fromTime and o.closed_at < :toTime and o.owner_id in (:owners)
								group by 1, 2 order by 3 desc, 4 desc, 1, 2
								""")
					.query(Forecast.LostReason.class)
					.list());
			assertThat(forecast.sources()).as("%s", c)
				.isNotEmpty()
				.isEqualTo(closedOf(quarter, zone, c.owners(),
						"""
								select coalesce(o.source, '') as source, o.currency,
								       count(*) filter (where o.status = 'WON') as won, count(*) filter (where o.status = 'LOST') as lost,
								       coalesce(sum(o.amount) filter (where o.status = 'WON'), 0) as won_amount
								from opportunities o
								where o.status in ('WON', 'LOST') and o.closed_at >= :fromTime and o.closed_at < :toTime
								  and o.owner_id in (:owners)
								group by 1, 2 order by 5 desc, 3 desc, 1, 2
								""")
					.query(Forecast.SourceResult.class)
					.list());
		}
	}

	private JdbcClient.StatementSpec closedOf(Period period, ZoneId zone, List<Long> owners, String sql) {
		return jdbc.sql(sql)
			.param("fromTime", Timestamp.from(period.start().atStartOfDay(zone).toInstant()))
			.param("toTime", Timestamp.from(period.end().atStartOfDay(zone).toInstant()))
			.param("owners", owners);
	}

	/** The lost reasons as the forecast counted them before the roll-ups. */
	private List<Forecast.LostReason> lostReasons(Period period, ZoneId zone, long teamId) {
		return closed(period, zone, teamId, """
				select coalesce(o.lost_reason, '') as reason, o.currency, count(*) as deals, sum(o.amount) as amount
				from opportunities o
				where o.status = 'LOST' and o.closed_at >= :fromTime and o.closed_at < :toTime
				  and o.owner_id in (select id from users where team_id = :team)
				group by 1, 2 order by 3 desc, 4 desc, 1, 2
				""").query(Forecast.LostReason.class).list();
	}

	/** The sources as the forecast counted them before the roll-ups. */
	private List<Forecast.SourceResult> sources(Period period, ZoneId zone, long teamId) {
		return closed(period, zone, teamId,
				"""
						select coalesce(o.source, '') as source, o.currency,
						       count(*) filter (where o.status = 'WON') as won, count(*) filter (where o.status = 'LOST') as lost,
						       coalesce(sum(o.amount) filter (where o.status = 'WON'), 0) as won_amount
						from opportunities o
						where o.status in ('WON', 'LOST') and o.closed_at >= :fromTime and o.closed_at < :toTime
						  and o.owner_id in (select id from users where team_id = :team)
						group by 1, 2 order by 5 desc, 3 desc, 1, 2
						""")
			.query(Forecast.SourceResult.class)
			.list();
	}

	private JdbcClient.StatementSpec closed(Period period, ZoneId zone, long teamId, String sql) {
		return jdbc.sql(sql)
			.param("fromTime", Timestamp.from(period.start().atStartOfDay(zone).toInstant()))
			.param("toTime", Timestamp.from(period.end().atStartOfDay(zone).toInstant()))
			.param("team", teamId);
	}

	record Line(long userId, String currency, BigDecimal won, BigDecimal commit, BigDecimal bestCase,
			BigDecimal pipeline, BigDecimal weighted, long wonCount, long lostCount, BigDecimal averageCycleDays) {

		static Line of(ForecastLine l) {
			return new Line(l.userId(), l.currency(), l.won(), l.commit(), l.bestCase(), l.pipeline(), l.weighted(),
					l.wonCount(), l.lostCount(), l.averageCycleDays());
		}
	}

	/** The figures as the forecast summed them before the roll-ups, from the deals. */
	private List<Line> summed(Period period, ZoneId zone, Long teamId, List<Long> owners) {
		return jdbc
			.sql("""
					with deals as (
					  select o.owner_id, o.currency, cast('OPEN' as varchar(10)) as status, o.amount, o.forecast_category,
					         s.probability, cast(null as numeric) as cycle_days
					  from opportunities o join pipeline_stages s on s.id = o.stage_id
					  where o.status = 'OPEN' and o.close_date >= :fromDate and o.close_date < :toDate
					  union all
					  select o.owner_id, o.currency, o.status, o.amount, null, null,
					         extract(epoch from (o.closed_at - o.created_at)) / 86400
					  from opportunities o
					  where o.status in ('WON', 'LOST') and o.closed_at >= :fromTime and o.closed_at < :toTime
					)
					select d.owner_id as user_id, d.currency,
					       coalesce(sum(d.amount) filter (where d.status = 'WON'), 0) as won,
					       coalesce(sum(d.amount) filter (where d.status = 'OPEN' and d.forecast_category = 'COMMIT'), 0) as commit,
					       coalesce(sum(d.amount) filter (where d.status = 'OPEN' and d.forecast_category = 'BEST_CASE'), 0) as best_case,
					       coalesce(sum(d.amount) filter (where d.status = 'OPEN' and d.forecast_category = 'PIPELINE'), 0) as pipeline,
					       coalesce(round(sum(d.amount * d.probability / 100.0)
					         filter (where d.status = 'OPEN' and d.forecast_category <> 'OMITTED'), 2), 0) as weighted,
					       count(*) filter (where d.status = 'WON') as won_count, count(*) filter (where d.status = 'LOST') as lost_count,
					       round(sum(d.cycle_days) filter (where d.status = 'WON') / nullif(count(*) filter (where d.status = 'WON'), 0), 1)
					         as average_cycle_days
					from deals d join users u on u.id = d.owner_id
					where d.owner_id in (:owners) and (cast(:team as bigint) is null or u.team_id = :team)
					group by d.owner_id, u.full_name, d.currency
					order by u.full_name, d.currency
					""")
			.param("fromDate", period.start())
			.param("toDate", period.end())
			.param("fromTime", Timestamp.from(period.start().atStartOfDay(zone).toInstant()))
			.param("toTime", Timestamp.from(period.end().atStartOfDay(zone).toInstant()))
			.param("owners", owners)
			.param("team", teamId)
			.query(Line.class)
			.list();
	}

}
