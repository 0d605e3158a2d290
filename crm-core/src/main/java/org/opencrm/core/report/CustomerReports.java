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
 * Core's reports over accounts and their stored health ({@code customer_health},
 * recomputed on a schedule elsewhere): customers by RFM segment and lifecycle stage, and
 * the revenue list with one row per account. Revenue is the health computation's monetary
 * value (won revenue in the one currency it counts in). Both narrow to the accounts the
 * viewer may see by account owner, like the at-risk list, and filter by owner's team or
 * owner.
 */
@Configuration(proxyBeanMethods = false)
class CustomerReports {

	static final Set<Role> STAFF = EnumSet.of(Role.ADMIN, Role.MANAGER, Role.SALES_REP, Role.SUPPORT_AGENT,
			Role.MARKETER);

	/**
	 * Per RFM segment and lifecycle stage: accounts, their revenue in total and on
	 * average, and their average health score; a grand total last (its averages over all
	 * accounts, not of the groups' averages).
	 */
	@Bean
	Report customersBySegmentReport(ReportQuery query) {
		return new AccountReport(
				new ReportDefinition("customers-by-segment", EnumSet.of(FilterField.TEAM, FilterField.USER),
						List.of(ReportColumn.code("segment", "health.rfm."),
								ReportColumn.code("lifecycleStage", "stage."), ReportColumn.integer("customers"),
								ReportColumn.money("revenue"), ReportColumn.money("averageRevenue"),
								ReportColumn.decimal("averageScore")),
						STAFF, true),
				query, """
						select h.rfm_segment, a.lifecycle_stage, count(*), sum(h.monetary),
						       round(avg(h.monetary), 2), round(avg(h.score), 1),
						       grouping(h.rfm_segment, a.lifecycle_stage) <> 0 as is_total
						from customer_health h join accounts a on a.id = h.account_id
						""", """
						group by grouping sets ((h.rfm_segment, a.lifecycle_stage), ())
						order by grouping(h.rfm_segment, a.lifecycle_stage), h.rfm_segment, a.lifecycle_stage
						""");
	}

	/**
	 * One row per account: name, owner, lifecycle stage, segment, revenue and health
	 * score; largest revenue first.
	 */
	@Bean
	Report customerRevenueReport(ReportQuery query) {
		return new AccountReport(
				new ReportDefinition("customer-revenue", EnumSet.of(FilterField.TEAM, FilterField.USER),
						List.of(ReportColumn.integer("accountId"), ReportColumn.text("account"),
								ReportColumn.text("owner"), ReportColumn.code("lifecycleStage", "stage."),
								ReportColumn.code("segment", "health.rfm."), ReportColumn.money("revenue"),
								ReportColumn.integer("healthScore")),
						STAFF, false),
				query, """
						select a.id, a.name, u.full_name, a.lifecycle_stage, h.rfm_segment, h.monetary, h.score
						from accounts a
						left join customer_health h on h.account_id = a.id
						left join users u on u.id = a.owner_id
						""", """
						order by h.monetary desc nulls last, a.sort_name, a.id
						""");
	}

	/**
	 * A report over the accounts ({@code a}) the viewer may see, narrowed by the filter's
	 * team and user (the account's owner): runs {@code select}, then those conditions,
	 * then {@code groupAndOrder}.
	 */
	record AccountReport(ReportDefinition definition, ReportQuery query, String select,
			String groupAndOrder) implements Report {

		@Override
		public void stream(ReportFilter filter, Visibility visibility, RowHandler rows) {
			SqlWhere where = filter.byOwner(visibility.restrict(new SqlWhere(), "a.owner_id"), "a.owner_id");
			query.stream(select + where.sql() + "\n" + groupAndOrder, where, definition.columns(), rows);
		}
	}

}
