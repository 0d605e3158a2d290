package org.opencrm.marketing.campaign;

import java.util.List;
import org.opencrm.core.shared.Keyset;
import org.opencrm.core.shared.KeysetPage;
import org.opencrm.core.shared.KeysetSort;
import org.opencrm.core.shared.Like;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.Rows;
import org.opencrm.core.shared.SqlWhere;
import org.opencrm.core.shared.TextQuery;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What campaigns are read as, in SQL: the list, a campaign's page (its details, report,
 * the reasons its mail waits or failed, how many would get it now) and the segments to
 * choose from. Changes go through {@link CampaignService}.
 */
@Service
public class CampaignQuery {

	private final JdbcClient jdbc;

	private final CampaignRecipients recipients;

	CampaignQuery(JdbcClient jdbc, CampaignRecipients recipients) {
		this.jdbc = jdbc;
		this.recipients = recipients;
	}

	@Transactional(readOnly = true)
	public CampaignDetails details(long id) {
		return jdbc
			.sql("""
					select c.id, c.name, c.type, c.status, c.budget, c.currency, c.starts_on, c.ends_on, c.segment_id,
					       sg.name as segment_name, c.template_id, t.name as template_name, c.scheduled_at, c.sending_started_at, c.sent_at,
					       c.owner_id, u.full_name as owner_name, c.version, c.created_at
					from campaigns c left join email_templates t on t.id = c.template_id left join users u on u.id = c.owner_id
					     left join segments sg on sg.id = c.segment_id
					where c.id = ?
					""")
			.param(id)
			.query(Rows.of(CampaignDetails.class))
			.optional()
			.orElseThrow(() -> new NotFoundException("Campaign", id));
	}

	/** Newest first, by keyset; optionally one status. */
	@Transactional(readOnly = true)
	public KeysetPage<CampaignRow> list(CampaignStatus status, String cursor, int pageSize) {
		SqlWhere where = new SqlWhere();
		if (status != null) {
			where.and("c.status = :status", "status", status.name());
		}
		var total = where.cappedCount(jdbc, "campaigns c");
		Keyset.Cursor cur = Keyset.decode(cursor);
		KeysetSort sort = KeysetSort.newestFirst("c.created_at");
		String orderBy = sort.orderBy(where, cur, "c.id");
		String sql = """
				select c.id, c.name, c.type, c.status, c.budget, c.currency, c.scheduled_at, c.sent_at, c.created_at,
				       %s as sort_key
				from campaigns c %s %s limit :limit
				""".formatted(sort.keyExpression(), where.sql(), orderBy);
		List<CampaignRow> rows = where.bind(jdbc.sql(sql))
			.param("limit", pageSize + 1)
			.query(Rows.of(CampaignRow.class))
			.list();
		return Keyset.page(rows, pageSize, cur, CampaignRow::sortKey, CampaignRow::id, total);
	}

	/**
	 * How many contacts would get the campaign now (consenting, valid, unsuppressed, one
	 * per address).
	 */
	@Transactional(readOnly = true)
	public long eligibleRecipients(long id) {
		CampaignDetails c = details(id);
		if (c.segmentId() == null) {
			return 0;
		}
		return recipients.count(c.segmentId());
	}

	/**
	 * The most frequent reasons the campaign's e-mails are waiting, failed or in doubt.
	 */
	@Transactional(readOnly = true)
	public List<Problem> problems(long id) {
		// A waiting mail's last error is the outbox's (a refusal, an outage); a settled
		// one's was copied onto the send.
		return jdbc.sql("""
				select status, error, count(*) as count from (
				  select s.status, m.last_error as error
				  from email_sends s join mail_outbox m on m.record_type = 'email_send' and m.record_id = s.id
				  where s.campaign_id = ? and s.status = 'PENDING' and m.last_error is not null
				  union all
				  select status, last_error from email_sends
				  where campaign_id = ? and last_error is not null and status in ('FAILED', 'UNKNOWN')
				) p
				group by status, error order by count(*) desc limit 5
				""").params(id, id).query(Rows.of(Problem.class)).list();
	}

	public record Problem(String status, String error, long count) {
	}

	@Transactional(readOnly = true)
	public CampaignReport report(long id) {
		CampaignDetails c = details(id);
		// Amounts in different currencies are never added up: revenue is reported in the
		// campaign's budget currency, else in the currency most of its attributed deals
		// use. Opportunities are the deals of its leads and the deals its touches won
		// (attributed first or last touch), so won revenue never stands beside 0.
		return jdbc.sql("""
				with r as (
				  select coalesce(cast(:currency as text),
				                  (select currency from campaign_attributions
				                   where first_campaign_id = :id or last_campaign_id = :id
				                   group by currency order by count(*) desc, currency limit 1)) as cur)
				select count(*) as recipients,
				       count(*) filter (where o.status = 'PENDING') as pending,
				       count(*) filter (where o.status = 'SENT') as sent,
				       count(*) filter (where o.status = 'SENT') as delivered,
				       count(*) filter (where o.status = 'FAILED') as failed,
				       count(*) filter (where o.status = 'UNKNOWN') as unknown,
				       count(o.opened_at) as opened,
				       count(o.clicked_at) as clicked,
				       count(o.unsubscribed_at) as unsubscribed,
				       (select count(*) from campaign_leads l where l.campaign_id = :id) as leads,
				       (select count(*) from (
				          select l.opportunity_id from campaign_leads l
				          where l.campaign_id = :id and l.opportunity_id is not null
				          union
				          select a.opportunity_id from campaign_attributions a
				          where a.first_campaign_id = :id or a.last_campaign_id = :id) d) as opportunities,
				       (select coalesce(sum(amount), 0) from campaign_attributions
				        where first_campaign_id = :id and currency = (select cur from r)) as first_touch_revenue,
				       (select coalesce(sum(amount), 0) from campaign_attributions
				        where last_campaign_id = :id and currency = (select cur from r)) as last_touch_revenue,
				       (select cur from r) as revenue_currency,
				       (select count(*) from campaign_attributions
				        where (first_campaign_id = :id or last_campaign_id = :id) and currency <> (select cur from r))
				         as other_currency_deals,
				       cast(:budget as numeric) as budget, cast(:currency as text) as currency
				from email_sends o
				where o.campaign_id = :id
				""")
			.param("id", id)
			.param("budget", c.budget(), java.sql.Types.NUMERIC)
			.param("currency", c.currency(), java.sql.Types.VARCHAR)
			.query(Rows.of(CampaignReport.class))
			.single();
	}

	/**
	 * Segments to choose from, when the segments feature is installed (its table exists).
	 */
	@Transactional(readOnly = true)
	public List<Choice> segmentChoices() {
		Boolean exists = jdbc.sql("select to_regclass('segments') is not null").query(Boolean.class).single();
		if (!exists) {
			return List.of();
		}
		return jdbc.sql("select id, name from segments order by name, id limit 500")
			.query(Rows.of(Choice.class))
			.list();
	}

	/**
	 * Campaigns whose name contains {@code typed} (any case), newest first, at most
	 * {@code limit}: the campaign picker's suggestions.
	 */
	@Transactional(readOnly = true)
	public List<Choice> named(String typed, int limit) {
		return jdbc
			.sql("select id, name from campaigns where lower(name) like ? order by created_at desc, id desc limit ?")
			.params(Like.containing(TextQuery.normalise(typed)), limit)
			.query(Rows.of(Choice.class))
			.list();
	}

	public record Choice(long id, String name) {
	}

}
