package org.opencrm.sales.report;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import org.opencrm.core.report.FilterField;
import org.opencrm.core.report.Report;
import org.opencrm.core.report.ReportDefinition;
import org.opencrm.core.report.ReportColumn;
import org.opencrm.core.report.ReportFilter;
import org.opencrm.core.report.ReportQuery;
import org.opencrm.core.report.RowHandler;
import org.opencrm.core.shared.LocalPeriods;
import org.opencrm.core.shared.SqlWhere;
import org.opencrm.core.user.Role;
import org.opencrm.core.user.Visibility;
import org.opencrm.sales.shared.ClosedDealStats;
import org.opencrm.sales.shared.Scopes;
import org.springframework.stereotype.Component;

/**
 * Sales by rep and month: deals closed (won or lost, by the day they closed in the
 * application's time zone) in the range, per owner, month and currency. Amounts in
 * different currencies are never added: a rep who sold in two currencies has a line for
 * each, and the totals are one line per currency. Win rate is won over won + lost deals;
 * average deal size is won revenue over won deals; the sales cycle is created → closed of
 * won deals, in days (as the forecast counts it). Reps see their own figures, managers
 * their team's.
 */
@Component
class SalesByRepReport implements Report {

	private static final ReportDefinition DEFINITION = new ReportDefinition("sales-by-rep-month",
			EnumSet.allOf(FilterField.class),
			List.of(ReportColumn.text("month"), ReportColumn.text("owner"), ReportColumn.text("currency"),
					ReportColumn.integer("wonDeals"), ReportColumn.money("wonRevenue"),
					ReportColumn.integer("lostDeals"), ReportColumn.percent("winRate"),
					ReportColumn.money("averageDealSize"), ReportColumn.decimal("averageCycleDays")),
			EnumSet.of(Role.ADMIN, Role.MANAGER, Role.SALES_REP), true);

	private final ReportQuery query;

	private final Clock clock;

	SalesByRepReport(ReportQuery query, Clock clock) {
		this.query = query;
		this.clock = clock;
	}

	@Override
	public ReportDefinition definition() {
		return DEFINITION;
	}

	/**
	 * From the roll-up of closed deals ({@link ClosedDealStats}): a few rows per rep and
	 * month, however many deals they closed.
	 */
	@Override
	public void stream(ReportFilter filter, Visibility visibility, RowHandler rows) {
		SqlWhere where = new SqlWhere().and("true");
		LocalPeriods months = LocalPeriods.of(filter.from(), filter.to(), ChronoUnit.MONTHS, clock.getZone());
		months.params().forEach(where::param);
		Scopes.restrict(where, visibility, "c.owner_id", filter.teamId(), filter.userId());
		query.stream(
				ClosedDealStats.closedIn(months, where.sql().substring(" where ".length()))
						+ """
								select to_char(c.period_start, 'YYYY-MM') as month, u.full_name, c.currency,
								       coalesce(sum(c.deals) filter (where c.status = 'WON'), 0) as won,
								       coalesce(sum(c.amount) filter (where c.status = 'WON'), 0) as won_revenue,
								       coalesce(sum(c.deals) filter (where c.status = 'LOST'), 0) as lost,
								       round(100.0 * coalesce(sum(c.deals) filter (where c.status = 'WON'), 0) / sum(c.deals), 1) as win_rate,
								       round(sum(c.amount) filter (where c.status = 'WON')
								             / nullif(sum(c.deals) filter (where c.status = 'WON'), 0), 2) as average_deal,
								       round(sum(c.cycle_seconds) filter (where c.status = 'WON') / 86400
								             / nullif(sum(c.deals) filter (where c.status = 'WON'), 0), 1) as average_cycle,
								       grouping(c.period_start, c.owner_id, u.full_name) <> 0 as is_total
								from closed c join users u on u.id = c.owner_id
								group by grouping sets ((c.period_start, c.owner_id, u.full_name, c.currency), (c.currency))
								having sum(c.deals) <> 0
								order by grouping(c.period_start, c.owner_id, u.full_name), c.period_start, u.full_name, c.owner_id,
								         c.currency
								""",
				where, DEFINITION.columns(), rows);
	}

}
