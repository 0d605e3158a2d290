package org.opencrm.sales.forecast;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.opencrm.core.shared.LocalPeriods;
import org.opencrm.core.shared.Rows;
import org.opencrm.core.shared.SqlWhere;
import org.opencrm.core.user.Visibility;
import org.opencrm.sales.shared.ClosedDealStats;
import org.opencrm.sales.shared.Scopes;
import org.opencrm.sales.shared.Period;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The weighted forecast by rep and team, quota attainment, win rate, sales cycle and
 * won/lost analysis for a month or quarter. A deal belongs to the period when it is open
 * with a close date in it, or was won or lost (closed_at) in it. Reads only the reader's
 * visible deals and quotas; four statements whatever the number of deals, each reading
 * roll-ups kept by triggers on the deals ({@code opportunity_open_forecast},
 * {@code opportunity_closed_stats}, {@code opportunity_closed_mix}): their rows grow with
 * the reps and the period, not with the deals.
 */
@Service
public class ForecastService {

	private final JdbcClient jdbc;

	private final Clock clock;

	ForecastService(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public Forecast forecast(Visibility visibility, ForecastFilter filter) {
		List<ForecastLine> reps = repLines(visibility, filter);
		Map<String, ForecastLine> totals = new TreeMap<>();
		for (ForecastLine l : reps) {
			totals.merge(l.currency(), ForecastLine.empty(l.currency()).plus(l), ForecastLine::plus);
		}

		LocalPeriods periods = periods(filter.period());
		SqlWhere where = closedOf(visibility, filter, periods);
		String closed = ClosedDealStats.closedByReasonAndSourceIn(periods, where.sql().substring(" where ".length()));
		List<Forecast.LostReason> reasons = where.bind(jdbc.sql(closed + """
				select c.lost_reason as reason, c.currency, sum(c.deals)::bigint as deals, sum(c.amount) as amount
				from closed c where c.status = 'LOST'
				group by 1, 2 having sum(c.deals) <> 0 order by 3 desc, 4 desc, 1, 2
				""")).query(Rows.of(Forecast.LostReason.class)).list();
		List<Forecast.SourceResult> sources = where.bind(jdbc.sql(closed + """
				select c.source, c.currency,
				       coalesce(sum(c.deals) filter (where c.status = 'WON'), 0)::bigint as won,
				       coalesce(sum(c.deals) filter (where c.status = 'LOST'), 0)::bigint as lost,
				       coalesce(sum(c.amount) filter (where c.status = 'WON'), 0) as won_amount
				from closed c
				group by 1, 2 having sum(c.deals) <> 0 order by 5 desc, 3 desc, 1, 2
				""")).query(Rows.of(Forecast.SourceResult.class)).list();
		return new Forecast(filter.period(), reps, new ArrayList<>(totals.values()), reasons, sources);
	}

	/** The period's months in the reader's zone. */
	private LocalPeriods periods(Period period) {
		return LocalPeriods.of(period.start(), period.end().minusDays(1), ChronoUnit.MONTHS, clock.getZone());
	}

	/**
	 * The periods' parameters and the won and lost deals {@code c} the reader may see.
	 */
	private static SqlWhere closedOf(Visibility visibility, ForecastFilter filter, LocalPeriods periods) {
		SqlWhere where = new SqlWhere().and("true");
		periods.params().forEach(where::param);
		Scopes.restrict(where, visibility, "c.owner_id", filter.teamId(), filter.userId());
		return where;
	}

	/**
	 * The forecast's lines by rep and currency, with their quotas, sorted by name: two
	 * statements (the manager dashboard shows only these).
	 */
	@Transactional(readOnly = true)
	public List<ForecastLine> reps(Visibility visibility, ForecastFilter filter) {
		return repLines(visibility, filter);
	}

	/**
	 * From the roll-ups, not the deals: the open deals by close month
	 * ({@code opportunity_open_forecast}) and the won and lost ones by the reader's
	 * period ({@link ClosedDealStats}), a few rows per rep however many deals they have.
	 * {@code ForecastRollUpTest} checks the figures against the deals.
	 */
	private List<ForecastLine> repLines(Visibility visibility, ForecastFilter filter) {
		Period period = filter.period();
		LocalPeriods periods = periods(period);
		SqlWhere where = closedOf(visibility, filter, periods).param("fromDate", period.start())
			.param("toDate", period.end());
		String scope = where.sql().substring(" where ".length());
		Map<String, ForecastLine> lines = new LinkedHashMap<>();
		where
			.bind(jdbc.sql(ClosedDealStats.closedIn(periods, scope)
					+ """
							, pieces as (
							  select c.owner_id, c.currency::varchar(3) as currency, c.status, c.deals, c.amount, c.cycle_seconds,
							         cast(null as varchar(20)) as forecast_category, cast(null as numeric) as weighted
							  from closed c
							  union all
							  select c.owner_id, c.currency, 'OPEN', c.deals, c.amount, 0, c.forecast_category,
							         c.amount * s.probability / 100.0
							  from opportunity_open_forecast c
							  join pipeline_stages s on s.id = c.stage_id
							  where c.close_month >= :fromDate and c.close_month < :toDate and %s
							)
							select d.owner_id as user_id, u.full_name as user_name, d.currency,
							       coalesce(sum(d.amount) filter (where d.status = 'WON'), 0) as won,
							       coalesce(sum(d.amount) filter (where d.status = 'OPEN' and d.forecast_category = 'COMMIT'), 0) as commit,
							       coalesce(sum(d.amount) filter (where d.status = 'OPEN' and d.forecast_category = 'BEST_CASE'), 0) as best_case,
							       coalesce(sum(d.amount) filter (where d.status = 'OPEN' and d.forecast_category = 'PIPELINE'), 0) as pipeline,
							       coalesce(round(sum(d.weighted)
							         filter (where d.status = 'OPEN' and d.forecast_category <> 'OMITTED'), 2), 0) as weighted,
							       null::numeric as quota,
							       coalesce(sum(d.deals) filter (where d.status = 'WON'), 0)::bigint as won_count,
							       coalesce(sum(d.deals) filter (where d.status = 'LOST'), 0)::bigint as lost_count,
							       coalesce(sum(d.cycle_seconds) filter (where d.status = 'WON'), 0) / 86400 as cycle_days_sum,
							       null::numeric as rep_gaps
							from pieces d join users u on u.id = d.owner_id
							group by d.owner_id, u.full_name, d.currency
							having sum(d.deals) <> 0
							"""
						.formatted(scope)))
			.query(Rows.of(ForecastLine.class))
			.list()
			.forEach(l -> lines.put(l.userId() + "/" + l.currency(), l));

		addQuotas(visibility, filter, lines);

		List<ForecastLine> reps = new ArrayList<>(lines.values());
		reps.sort(Comparator.comparing(ForecastLine::userName).thenComparing(ForecastLine::currency));
		return reps;
	}

	/**
	 * A month's quota is that month's; a quarter's is the quarter's quota, or else the
	 * sum of its months' quotas. Reps with a quota but no deals get a line too.
	 */
	private void addQuotas(Visibility visibility, ForecastFilter filter, Map<String, ForecastLine> lines) {
		Period period = filter.period();
		SqlWhere where = new SqlWhere().and("q.period_start >= :start and q.period_start < :end")
			.param("start", period.start())
			.param("end", period.end())
			.param("type", period.type().name());
		Scopes.restrict(where, visibility, "q.user_id", filter.teamId(), filter.userId());
		record Quota(long userId, String userName, String currency, BigDecimal amount) {
		}
		where.bind(jdbc
			.sql("""
					select * from (
					  select q.user_id, u.full_name as user_name, q.currency,
					         coalesce(sum(q.amount) filter (where q.period_type = :type and q.period_start = :start),
					                  case when :type = 'QUARTER' then sum(q.amount) filter (where q.period_type = 'MONTH') end)
					           as amount
					  from quotas q join users u on u.id = q.user_id
					"""
					+ where.sql() + """

							  group by q.user_id, u.full_name, q.currency
							) t where amount is not null
							"""))
			.query(Rows.of(Quota.class))
			.list()
			.forEach(q -> {
				String key = q.userId() + "/" + q.currency();
				ForecastLine l = lines.get(key);
				if (l == null) {
					ForecastLine e = ForecastLine.empty(q.currency());
					l = new ForecastLine(q.userId(), q.userName(), q.currency(), e.won(), e.commit(), e.bestCase(),
							e.pipeline(), e.weighted(), null, 0, 0, e.cycleDaysSum(), null);
				}
				lines.put(key, l.withQuota(q.amount()));
			});
	}

}
