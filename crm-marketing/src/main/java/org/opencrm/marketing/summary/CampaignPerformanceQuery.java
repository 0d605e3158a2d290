package org.opencrm.marketing.summary;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.opencrm.core.shared.Rows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Campaign performance and attributed revenue over a date range, for the manager
 * dashboard: one SQL statement whatever the number of e-mails, which reads the sends'
 * roll-up. Uses the attribution the campaign report uses ({@code campaign_attributions},
 * filled when deals are won).
 */
@Service
@Transactional(readOnly = true)
public class CampaignPerformanceQuery {

	/**
	 * The sends of the range per campaign from the roll-up {@code campaign_send_stats}
	 * (per campaign and quarter hour of {@code sent_at}, kept by triggers on
	 * {@code email_sends}): a few rows per campaign, where counting the sends read every
	 * e-mail of the range (2M on the bench data set).
	 */
	private static final String FROM_ROLL_UP = """
			with sends as (
			  select r.campaign_id, sum(r.sent)::bigint as sent, sum(r.opened)::bigint as opened,
			         sum(r.clicked)::bigint as clicked
			  from campaign_send_stats r
			  where r.bucket >= :start and r.bucket < :end
			  group by r.campaign_id having sum(r.sent) > 0
			)
			""";

	/**
	 * The same figures counted from the sends, for a range whose bounds are not on a
	 * quarter hour (a zone with an odd historical offset).
	 */
	private static final String FROM_SENDS = """
			with sends as (
			  select o.campaign_id, count(*) as sent, count(o.opened_at) as opened, count(o.clicked_at) as clicked
			  from email_sends o
			  where o.campaign_id is not null and o.status = 'SENT' and o.sent_at >= :start and o.sent_at < :end
			  group by o.campaign_id
			)
			""";

	private static final long BUCKET_SECONDS = 900;

	private final JdbcClient jdbc;

	CampaignPerformanceQuery(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Campaigns that sent e-mails or had revenue attributed in {@code from}..{@code to}
	 * (inclusive days; sends by their time in {@code zone}, attributed deals by the day
	 * they were won), most e-mails first, at most {@code limit}.
	 */
	public CampaignPerformance performance(LocalDate from, LocalDate to, ZoneId zone, int limit) {
		record Row(long campaignId, String name, long sent, long opened, long clicked, BigDecimal firstTouchRevenue,
				BigDecimal lastTouchRevenue, long otherCurrencyDeals, String revenueCurrency) {
		}
		Instant start = from.atStartOfDay(zone).toInstant();
		Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
		List<Row> rows = jdbc
			.sql((onQuarterHours(start, end) ? FROM_ROLL_UP : FROM_SENDS)
					+ """
							, attributed as (
							  select a.opportunity_id, a.amount, a.currency, a.first_campaign_id, a.last_campaign_id
							  from campaign_attributions a where a.won_on >= :fromDay and a.won_on <= :toDay
							), cur as (
							  select currency from attributed group by currency order by count(*) desc, currency limit 1
							), touches as (
							  select first_campaign_id as campaign_id, true as first_touch, opportunity_id, amount, currency
							  from attributed where first_campaign_id is not null
							  union all
							  select last_campaign_id, false, opportunity_id, amount, currency
							  from attributed where last_campaign_id is not null
							), revenue as (
							  select t.campaign_id,
							         coalesce(sum(t.amount) filter (where t.first_touch and t.currency = (select currency from cur)), 0)
							           as first_touch_revenue,
							         coalesce(sum(t.amount) filter (where not t.first_touch and t.currency = (select currency from cur)), 0)
							           as last_touch_revenue,
							         count(distinct t.opportunity_id) filter (where t.currency <> (select currency from cur))
							           as other_currency_deals
							  from touches t group by t.campaign_id
							)
							select c.id as campaign_id, c.name, coalesce(s.sent, 0) as sent, coalesce(s.opened, 0) as opened,
							       coalesce(s.clicked, 0) as clicked, coalesce(r.first_touch_revenue, 0) as first_touch_revenue,
							       coalesce(r.last_touch_revenue, 0) as last_touch_revenue,
							       coalesce(r.other_currency_deals, 0) as other_currency_deals,
							       (select currency from cur) as revenue_currency
							from campaigns c
							left join sends s on s.campaign_id = c.id
							left join revenue r on r.campaign_id = c.id
							where s.campaign_id is not null or r.campaign_id is not null
							order by coalesce(s.sent, 0) desc, c.id
							limit :limit
							""")
			.param("start", Timestamp.from(start))
			.param("end", Timestamp.from(end))
			.param("fromDay", from)
			.param("toDay", to)
			.param("limit", limit)
			.query(Rows.of(Row.class))
			.list();
		List<CampaignPerformance.Campaign> campaigns = new ArrayList<>();
		for (Row r : rows) {
			campaigns.add(new CampaignPerformance.Campaign(r.campaignId(), r.name(), r.sent(), r.opened(), r.clicked(),
					r.firstTouchRevenue(), r.lastTouchRevenue(), r.otherCurrencyDeals()));
		}
		String currency = rows.isEmpty() ? null : rows.get(0).revenueCurrency();
		return new CampaignPerformance(currency == null ? null : currency.strip(), campaigns);
	}

	/** Whether both bounds are whole buckets of the roll-up. */
	static boolean onQuarterHours(Instant start, Instant end) {
		return start.getEpochSecond() % BUCKET_SECONDS == 0 && start.getNano() == 0
				&& end.getEpochSecond() % BUCKET_SECONDS == 0 && end.getNano() == 0;
	}

}
