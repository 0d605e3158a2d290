package org.opencrm.service.report;

import java.time.Clock;
import java.time.ZoneId;
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
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The service desk's reports: tickets by type, priority and agent, and the ticket detail
 * export. For the desk (admins, managers, agents), who see every ticket; the team and
 * user filters pick tickets by their assignee. Merged duplicates are left out (their
 * conversation lives on in the ticket they were merged into). Resolution time is
 * wall-clock time from opening to resolution, not business hours: what the customer
 * waited.
 */
@Configuration(proxyBeanMethods = false)
class TicketReports {

	@Bean
	Report ticketsByTypeReport(ReportQuery query, Clock clock) {
		return new ByTypeReport(query, clock);
	}

	@Bean
	Report ticketDetailReport(ReportQuery query, Clock clock) {
		return new DetailReport(query, clock);
	}

	/**
	 * The tickets both reports count: not merged away, assigned as the filter's team and
	 * user say; binds {@code :fromTime} and {@code :toTime}. Each report adds how a
	 * ticket falls in the range.
	 */
	static SqlWhere tickets(ReportFilter filter, ZoneId zone) {
		return filter.bindTimes(filter.byOwner(new SqlWhere().and("t.merged_into_id is null"), "t.assignee_id"), zone);
	}

	/**
	 * Per type, priority and assignee: tickets opened in the range, tickets resolved in
	 * it, the median and 90th percentile resolution time of those resolved
	 * (percentile_cont, interpolated), and how many of those opened breached an SLA
	 * target — a breach the SLA monitor recorded, or a first response or resolution after
	 * its due time. The last row totals the whole range.
	 */
	static final class ByTypeReport implements Report {

		private static final ReportDefinition DEFINITION = new ReportDefinition("tickets-by-type",
				EnumSet.allOf(FilterField.class),
				List.of(ReportColumn.code("ticketType", "ticket.type."),
						ReportColumn.code("priority", "ticket.priority."), ReportColumn.text("agent"),
						ReportColumn.integer("opened"), ReportColumn.integer("resolved"),
						ReportColumn.duration("medianResolution"), ReportColumn.duration("p90Resolution"),
						ReportColumn.integer("slaBreaches")),
				Role.SERVICE_DESK, true);

		private final ReportQuery query;

		private final Clock clock;

		ByTypeReport(ReportQuery query, Clock clock) {
			this.query = query;
			this.clock = clock;
		}

		@Override
		public ReportDefinition definition() {
			return DEFINITION;
		}

		@Override
		public void stream(ReportFilter filter, Visibility visibility, RowHandler rows) {
			SqlWhere where = tickets(filter, clock.getZone()).and("""
					((t.opened_at >= :fromTime and t.opened_at < :toTime)
					 or (t.resolved_at >= :fromTime and t.resolved_at < :toTime))""");
			query.stream("""
					with t as (
					  select t.type, t.priority, t.assignee_id,
					         t.opened_at >= :fromTime and t.opened_at < :toTime as opened_in,
					         coalesce(t.resolved_at >= :fromTime and t.resolved_at < :toTime, false) as resolved_in,
					         extract(epoch from (t.resolved_at - t.opened_at)) as resolution_seconds,
					         (exists (select 1 from sla_events e where e.ticket_id = t.id and e.kind = 'BREACH')
					          or coalesce(t.first_responded_at > t.first_response_due_at, false)
					          or coalesce(t.resolved_at > t.resolution_due_at, false)) as breached
					  from tickets t
					""" + where.sql()
					+ """

							)
							select t.type, t.priority, u.full_name,
							       count(*) filter (where t.opened_in) as opened,
							       count(*) filter (where t.resolved_in) as resolved,
							       percentile_cont(0.5) within group (order by t.resolution_seconds) filter (where t.resolved_in),
							       percentile_cont(0.9) within group (order by t.resolution_seconds) filter (where t.resolved_in),
							       count(*) filter (where t.opened_in and t.breached) as breaches,
							       grouping(t.type, t.priority, t.assignee_id, u.full_name) <> 0 as is_total
							from t left join users u on u.id = t.assignee_id
							group by grouping sets ((t.type, t.priority, t.assignee_id, u.full_name), ())
							order by grouping(t.type, t.priority, t.assignee_id, u.full_name), t.type, t.priority,
							         u.full_name nulls last, t.assignee_id
							""",
					where, DEFINITION.columns(), rows);
		}

	}

	/**
	 * One row per ticket opened in the range, oldest first: for exports of any size (the
	 * query walks the opened-at index, so rows reach the client while the rest are still
	 * being read).
	 */
	static final class DetailReport implements Report {

		private static final ReportDefinition DEFINITION = new ReportDefinition("ticket-details",
				EnumSet.allOf(FilterField.class),
				List.of(ReportColumn.text("number"), ReportColumn.text("subject"),
						ReportColumn.code("ticketType", "ticket.type."),
						ReportColumn.code("priority", "ticket.priority."),
						ReportColumn.code("status", "ticket.status."), ReportColumn.code("channel", "ticket.channel."),
						ReportColumn.text("account"), ReportColumn.text("agent"), ReportColumn.text("queue"),
						ReportColumn.date("openedOn"), ReportColumn.date("resolvedOn"),
						ReportColumn.duration("firstResponseTime"), ReportColumn.duration("resolutionTime")),
				Role.SERVICE_DESK, false);

		private final ReportQuery query;

		private final Clock clock;

		DetailReport(ReportQuery query, Clock clock) {
			this.query = query;
			this.clock = clock;
		}

		@Override
		public ReportDefinition definition() {
			return DEFINITION;
		}

		@Override
		public void stream(ReportFilter filter, Visibility visibility, RowHandler rows) {
			SqlWhere where = tickets(filter, clock.getZone()).and("t.opened_at >= :fromTime and t.opened_at < :toTime")
				.param("zone", clock.getZone().getId());
			query.stream("""
					select t.number, t.subject, t.type, t.priority, t.status, t.channel, a.name, u.full_name, q.name,
					       cast(t.opened_at at time zone :zone as date), cast(t.resolved_at at time zone :zone as date),
					       extract(epoch from (t.first_responded_at - t.opened_at)),
					       extract(epoch from (t.resolved_at - t.opened_at))
					from tickets t
					left join accounts a on a.id = t.account_id
					left join users u on u.id = t.assignee_id
					left join service_queues q on q.id = t.queue_id
					""" + where.sql() + """

					order by t.opened_at, t.id
					""", where, DEFINITION.columns(), rows);
		}

	}

}
