package org.opencrm.core.report;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.opencrm.core.shared.SqlWhere;
import org.opencrm.core.user.Role;
import org.opencrm.core.user.Visibility;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Core's reports over accounts and their stored health ({@code customer_health}, recomputed on a
 * schedule elsewhere): customers by RFM segment and lifecycle stage, and the revenue list with one
 * row per account. Revenue is the health computation's monetary value (won revenue in the one
 * currency it counts in). Both narrow to the accounts the viewer may see by account owner, like the
 * at-risk list, and filter by owner's team or owner.
 */
@Configuration(proxyBeanMethods = false)
class CustomerReports {

	static final Set<Role> STAFF = EnumSet.of(Role.ADMIN, Role.MANAGER, Role.SALES_REP, Role.SUPPORT_AGENT,
			Role.MARKETER);

	@Bean
	Report customersBySegmentReport(ReportQuery query) {
		return new SegmentReport(query);
	}

	@Bean
	Report customerRevenueReport(ReportQuery query) {
		return new RevenueListReport(query);
	}

	static SqlWhere ownerScope(ReportFilter filter, Visibility visibility) {
		SqlWhere where = visibility.restrict(new SqlWhere(), "a.owner_id");
		if (filter.teamId() != null) {
			where.and("a.owner_id in (select tu.id from users tu where tu.team_id = :filterTeam)", "filterTeam",
					filter.teamId());
		}
		if (filter.userId() != null) {
			where.and("a.owner_id = :filterUser", "filterUser", filter.userId());
		}
		return where;
	}

	/**
	 * Per RFM segment and lifecycle stage: accounts, their revenue in total and on average, and
	 * their average health score; a grand total last (its averages over all accounts, not of the
	 * groups' averages).
	 */
	static final class SegmentReport implements Report {

		private static final List<ReportColumn> COLUMNS = List.of(ReportColumn.text("segment"),
				ReportColumn.text("lifecycleStage"), ReportColumn.integer("customers"), ReportColumn.money("revenue"),
				ReportColumn.money("averageRevenue"), ReportColumn.decimal("averageScore"));

		private final ReportQuery query;

		SegmentReport(ReportQuery query) {
			this.query = query;
		}

		@Override
		public String key() {
			return "customers-by-segment";
		}

		@Override
		public Set<FilterField> filters() {
			return EnumSet.of(FilterField.TEAM, FilterField.USER);
		}

		@Override
		public List<ReportColumn> columns() {
			return COLUMNS;
		}

		@Override
		public Set<Role> roles() {
			return STAFF;
		}

		@Override
		public boolean hasTotals() {
			return true;
		}

		@Override
		public void stream(ReportFilter filter, Visibility visibility, RowHandler rows) {
			SqlWhere where = ownerScope(filter, visibility);
			query.stream("""
					select h.rfm_segment, a.lifecycle_stage, count(*), sum(h.monetary),
					       round(avg(h.monetary), 2), round(avg(h.score), 1),
					       grouping(h.rfm_segment, a.lifecycle_stage) <> 0 as is_total
					from customer_health h join accounts a on a.id = h.account_id
					""" + where.sql() + """

					group by grouping sets ((h.rfm_segment, a.lifecycle_stage), ())
					order by grouping(h.rfm_segment, a.lifecycle_stage), h.rfm_segment, a.lifecycle_stage
					""", where, COLUMNS, rows);
		}
	}

	/** One row per account: name, owner, lifecycle stage, segment, revenue and health score; largest revenue first. */
	static final class RevenueListReport implements Report {

		private static final List<ReportColumn> COLUMNS = List.of(ReportColumn.integer("accountId"),
				ReportColumn.text("account"), ReportColumn.text("owner"), ReportColumn.text("lifecycleStage"),
				ReportColumn.text("segment"), ReportColumn.money("revenue"), ReportColumn.integer("healthScore"));

		private final ReportQuery query;

		RevenueListReport(ReportQuery query) {
			this.query = query;
		}

		@Override
		public String key() {
			return "customer-revenue";
		}

		@Override
		public Set<FilterField> filters() {
			return EnumSet.of(FilterField.TEAM, FilterField.USER);
		}

		@Override
		public List<ReportColumn> columns() {
			return COLUMNS;
		}

		@Override
		public Set<Role> roles() {
			return STAFF;
		}

		@Override
		public void stream(ReportFilter filter, Visibility visibility, RowHandler rows) {
			SqlWhere where = ownerScope(filter, visibility);
			query.stream("""
					select a.id, a.name, u.full_name, a.lifecycle_stage, h.rfm_segment, h.monetary, h.score
					from accounts a
					left join customer_health h on h.account_id = a.id
					left join users u on u.id = a.owner_id
					""" + where.sql() + """

					order by h.monetary desc nulls last, a.sort_name, a.id
					""", where, COLUMNS, rows);
		}
	}
}
