package org.opencrm.sales.report;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import org.opencrm.core.report.FilterField;
import org.opencrm.core.report.Report;
import org.opencrm.core.report.ReportDefinition;
import org.opencrm.core.report.ReportColumn;
import org.opencrm.core.report.ReportFilter;
import org.opencrm.core.report.ReportQuery;
import org.opencrm.core.report.RowHandler;
import org.opencrm.core.shared.SqlWhere;
import org.opencrm.core.user.Role;
import org.opencrm.core.user.Visibility;
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

	@Override
	public void stream(ReportFilter filter, Visibility visibility, RowHandler rows) {
		SqlWhere where = filter
			.within(new SqlWhere().and("o.status in ('WON', 'LOST')"), "o.closed_at", clock.getZone())
			.param("zone", clock.getZone().getId());
		Scopes.restrict(where, visibility, "o.owner_id", filter.teamId(), filter.userId());
		query.stream("""
				with deals as (
				  select o.owner_id, o.currency, o.status, o.amount,
				         to_char(o.closed_at at time zone :zone, 'YYYY-MM') as month,
				         extract(epoch from (o.closed_at - o.created_at)) / 86400 as cycle_days
				  from opportunities o
				""" + where.sql() + """

				)
				select d.month, u.full_name, d.currency,
				       count(*) filter (where d.status = 'WON') as won,
				       coalesce(sum(d.amount) filter (where d.status = 'WON'), 0) as won_revenue,
				       count(*) filter (where d.status = 'LOST') as lost,
				       round(100.0 * count(*) filter (where d.status = 'WON') / count(*), 1) as win_rate,
				       round(avg(d.amount) filter (where d.status = 'WON'), 2) as average_deal,
				       round(avg(d.cycle_days) filter (where d.status = 'WON'), 1) as average_cycle,
				       grouping(d.month, d.owner_id, u.full_name) <> 0 as is_total
				from deals d join users u on u.id = d.owner_id
				group by grouping sets ((d.month, d.owner_id, u.full_name, d.currency), (d.currency))
				order by grouping(d.month, d.owner_id, u.full_name), d.month, u.full_name, d.owner_id, d.currency
				""", where, DEFINITION.columns(), rows);
	}

}
