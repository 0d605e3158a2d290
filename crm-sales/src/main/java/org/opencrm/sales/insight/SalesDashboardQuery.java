package org.opencrm.sales.insight;

import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.opencrm.core.shared.LocalPeriods;
import org.opencrm.core.shared.Rows;
import org.opencrm.core.shared.SqlWhere;
import org.opencrm.core.user.Visibility;
import org.opencrm.sales.shared.ClosedDealStats;
import org.opencrm.sales.shared.Scopes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The manager dashboard's sales figures: the open pipeline by stage and the win rate by
 * month. Each is one SQL statement whatever the number of deals, over the deals the
 * reader may see, optionally of one team.
 */
@Service
@Transactional(readOnly = true)
public class SalesDashboardQuery {

	private final JdbcClient jdbc;

	SalesDashboardQuery(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The open deals of a pipeline by its active open stages (in board order) and
	 * currency; every such stage is listed, with zeros when it holds no deal. From the
	 * sums kept per stage, owner and currency ({@code opportunity_stage_totals}, a
	 * trigger keeps them): a few rows per stage, however many deals it holds (a deal in
	 * an open stage is open: its status is its stage's kind).
	 * @param teamId only deals owned by this team's members (null: any the reader may
	 * see)
	 */
	public List<StageFigures> pipelineByStage(Visibility visibility, Long teamId, long pipelineId) {
		SqlWhere where = Scopes.restrict(new SqlWhere().and("true"), visibility, "c.owner_id", teamId, null);
		return where
			.bind(jdbc
				.sql("""
						select s.id as stage_id, s.name as stage_name, s.probability, o.currency, coalesce(o.deals, 0) as deals,
						       coalesce(o.amount, 0) as amount, coalesce(round(o.amount * s.probability / 100.0, 2), 0) as weighted
						from pipeline_stages s
						left join lateral (
						  select c.currency, sum(c.deals) as deals, sum(c.amount) as amount
						  from opportunity_stage_totals c where c.stage_id = s.id and %s
						  group by c.currency having sum(c.deals) <> 0
						) o on true
						where s.pipeline_id = :pipeline and s.kind = 'OPEN' and s.active
						order by s.position, s.id, o.currency nulls first
						"""
					.formatted(where.sql().substring(" where ".length()))))
			.param("pipeline", pipelineId)
			.query(Rows.of(StageFigures.class))
			.list();
	}

	/**
	 * Won and lost deals by the month (in {@code zone}) they were closed, for every month
	 * that overlaps {@code from}..{@code to} (inclusive), clipped to the range: from the
	 * roll-up of closed deals ({@link ClosedDealStats}), a few rows per rep and month
	 * however many deals there are.
	 */
	public List<MonthWinRate> winRateByMonth(Visibility visibility, Long teamId, LocalDate from, LocalDate to,
			ZoneId zone) {
		SqlWhere where = Scopes.restrict(new SqlWhere().and("true"), visibility, "c.owner_id", teamId, null);
		LocalPeriods months = LocalPeriods.of(from, to, ChronoUnit.MONTHS, zone);
		months.params().forEach(where::param);
		record Row(Date monthStart, Date fromDay, Date toDay, long won, long lost) {
		}
		String scope = where.sql().substring(" where ".length());
		String team = teamCounts(visibility, teamId);
		String closed = team == null ? ClosedDealStats.closedIn(months, scope)
				: ClosedDealStats.closedCountsByTeamIn(months, team, scope);
		return where.bind(jdbc.sql(closed + """
				select m.period_start as month_start, m.from_day, m.to_day,
				       coalesce(sum(c.deals) filter (where c.status = 'WON'), 0) as won,
				       coalesce(sum(c.deals) filter (where c.status = 'LOST'), 0) as lost
				from cm m
				left join closed c on c.period_start = m.period_start
				group by m.period_start, m.from_day, m.to_day
				order by m.period_start
				"""))
			.query(Rows.of(Row.class))
			.list()
			.stream()
			.map(r -> new MonthWinRate(YearMonth.from(r.monthStart().toLocalDate()), r.fromDay().toLocalDate(),
					r.toDay().toLocalDate(), r.won(), r.lost()))
			.toList();
	}

	/**
	 * The scope as a condition on the team roll-up's {@code c.team_id} when it is a whole
	 * team (or everything), else null (the owner roll-up, by owner). A manager's scope
	 * (their own deals and their team's) narrowed to their own team is exactly that
	 * team's members' deals.
	 */
	private static String teamCounts(Visibility visibility, Long teamId) {
		return switch (visibility.scope()) {
			case ALL -> teamId == null ? "true" : "c.team_id = :filterTeam";
			case TEAM -> teamId != null && teamId.equals(visibility.teamId()) ? "c.team_id = :filterTeam" : null;
			case OWN -> null;
		};
	}

}
