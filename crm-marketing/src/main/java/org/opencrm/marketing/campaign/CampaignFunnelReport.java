package org.opencrm.marketing.campaign;

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
import org.springframework.stereotype.Component;

/**
 * The campaign funnel: per campaign, recipients → delivered → opened → clicked → leads →
 * opportunities → won revenue, with each step's conversion from the one before. Every
 * figure is counted as the campaign's own report counts it
 * ({@link CampaignService#report}): delivered are messages the SMTP server accepted,
 * opens and clicks unique per recipient, leads from {@code campaign_leads}, opportunities
 * those leads' deals plus the deals attributed to the campaign (so won revenue never
 * stands beside 0 opportunities), revenue attributed first-touch and last-touch by
 * {@link CampaignAttribution}, in the budget's currency, else the one most of the
 * campaign's attributed deals use. A campaign falls in the range by the day it started
 * sending, else its start date, else the day it was created; the team and user filters
 * pick its owner. The last row totals the counts, and the revenue too when all campaigns
 * report it in one currency.
 */
@Component
class CampaignFunnelReport implements Report {

	private static final ReportDefinition DEFINITION = new ReportDefinition("campaign-funnel",
			EnumSet.allOf(FilterField.class),
			List.of(ReportColumn.text("campaign"), ReportColumn.text("owner"), ReportColumn.date("startedOn"),
					ReportColumn.integer("recipients"), ReportColumn.integer("sent"), ReportColumn.integer("delivered"),
					ReportColumn.integer("failed"), ReportColumn.integer("opened"), ReportColumn.integer("clicked"),
					ReportColumn.integer("unsubscribed"), ReportColumn.integer("leads"),
					ReportColumn.integer("opportunities"), ReportColumn.text("currency"),
					ReportColumn.money("firstTouchRevenue"), ReportColumn.money("lastTouchRevenue"),
					ReportColumn.percent("deliveredRate"), ReportColumn.percent("openRate"),
					ReportColumn.percent("clickRate"), ReportColumn.percent("leadRate"),
					ReportColumn.percent("opportunityRate")),
			EnumSet.of(Role.ADMIN, Role.MANAGER, Role.MARKETER), true);

	private final ReportQuery query;

	private final Clock clock;

	CampaignFunnelReport(ReportQuery query, Clock clock) {
		this.query = query;
		this.clock = clock;
	}

	@Override
	public ReportDefinition definition() {
		return DEFINITION;
	}

	@Override
	public void stream(ReportFilter filter, Visibility visibility, RowHandler rows) {
		SqlWhere where = new SqlWhere().and("""
				coalesce(cast(c.sending_started_at at time zone :zone as date), c.starts_on,
				         cast(c.created_at at time zone :zone as date)) between :fromDay and :toDay""")
			.param("zone", clock.getZone().getId())
			.param("fromDay", java.sql.Date.valueOf(filter.from()))
			.param("toDay", java.sql.Date.valueOf(filter.to()));
		filter.byOwner(where, "c.owner_id");
		query.stream("""
				with f as (
				  select c.id, c.name, u.full_name as owner,
				         coalesce(cast(c.sending_started_at at time zone :zone as date), c.starts_on,
				                  cast(c.created_at at time zone :zone as date)) as started_on,
				         s.*, l.*, r.cur, rev.first_touch, rev.last_touch
				  from campaigns c
				  left join users u on u.id = c.owner_id
				  cross join lateral (
				    select count(*) as recipients,
				           count(*) filter (where o.status = 'SENT') as sent,
				           count(*) filter (where o.status = 'SENT') as delivered,
				           count(*) filter (where o.status = 'FAILED') as failed,
				           count(o.opened_at) as opened, count(o.clicked_at) as clicked,
				           count(o.unsubscribed_at) as unsubscribed
				    from email_sends o where o.campaign_id = c.id) s
				  cross join lateral (
				    select (select count(*) from campaign_leads cl where cl.campaign_id = c.id) as leads,
				           (select count(*) from (
				              select cl.opportunity_id from campaign_leads cl
				              where cl.campaign_id = c.id and cl.opportunity_id is not null
				              union
				              select a.opportunity_id from campaign_attributions a
				              where a.first_campaign_id = c.id or a.last_campaign_id = c.id) d) as opportunities) l
				  cross join lateral (
				    select coalesce(cast(c.currency as text),
				                    (select a.currency from campaign_attributions a
				                     where a.first_campaign_id = c.id or a.last_campaign_id = c.id
				                     group by a.currency order by count(*) desc, a.currency limit 1)) as cur) r
				  cross join lateral (
				    select coalesce(sum(a.amount) filter (where a.first_campaign_id = c.id), 0) as first_touch,
				           coalesce(sum(a.amount) filter (where a.last_campaign_id = c.id), 0) as last_touch
				    from campaign_attributions a
				    where (a.first_campaign_id = c.id or a.last_campaign_id = c.id) and a.currency = r.cur) rev
				""" + where.sql() + """

				), lines as (
				  select name, owner, started_on, recipients, sent, delivered, failed, opened, clicked, unsubscribed,
				         leads, opportunities, cur, first_touch, last_touch, false as is_total, id
				  from f
				  union all
				  select null, null, null, coalesce(sum(recipients), 0), coalesce(sum(sent), 0),
				         coalesce(sum(delivered), 0), coalesce(sum(failed), 0), coalesce(sum(opened), 0),
				         coalesce(sum(clicked), 0), coalesce(sum(unsubscribed), 0), coalesce(sum(leads), 0),
				         coalesce(sum(opportunities), 0),
				         case when count(distinct cur) = 1 then min(cur) end,
				         case when count(distinct cur) <= 1 then coalesce(sum(first_touch), 0) end,
				         case when count(distinct cur) <= 1 then coalesce(sum(last_touch), 0) end,
				         true, null
				  from f
				)
				select name, owner, started_on, recipients, sent, delivered, failed, opened, clicked, unsubscribed,
				       leads, opportunities, cur, first_touch, last_touch,
				       round(100.0 * delivered / nullif(recipients, 0), 1),
				       round(100.0 * opened / nullif(delivered, 0), 1),
				       round(100.0 * clicked / nullif(opened, 0), 1),
				       round(100.0 * leads / nullif(clicked, 0), 1),
				       round(100.0 * opportunities / nullif(leads, 0), 1),
				       is_total
				from lines
				order by is_total, started_on desc, name, id
				""", where, DEFINITION.columns(), rows);
	}

}
