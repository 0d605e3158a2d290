package org.opencrm.marketing.campaign;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.opencrm.core.shared.Actor;
import org.opencrm.core.shared.Keyset;
import org.opencrm.core.shared.KeysetPage;
import org.opencrm.core.shared.KeysetSort;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.shared.SqlWhere;
import org.opencrm.core.shared.StaleEditException;
import org.opencrm.marketing.segment.SegmentMembers;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Campaigns: plan (name, type, budget, dates, segment, template), schedule, cancel, and —
 * when due — materialise the recipients in one SQL statement into the outbox the send
 * workers drain.
 */
@Service
public class CampaignService {

	/** Who may get a campaign e-mail: consent, a plausible address, not suppressed. */
	static final String ELIGIBLE = """
			c.consent_email and c.email ~* '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$'
			and not exists (select 1 from email_suppressions s where s.email = lower(trim(c.email)))
			""";

	private final JdbcClient jdbc;

	private final ObjectProvider<SegmentMembers> segments;

	private final Clock clock;

	private static final org.apache.commons.logging.Log log = org.apache.commons.logging.LogFactory
		.getLog(CampaignService.class);

	private final org.springframework.transaction.support.TransactionTemplate tx;

	CampaignService(JdbcClient jdbc, ObjectProvider<SegmentMembers> segments, Clock clock,
			org.springframework.transaction.support.TransactionTemplate tx) {
		this.tx = tx;
		this.jdbc = jdbc;
		this.segments = segments;
		this.clock = clock;
	}

	@Transactional
	public long create(CampaignCommand cmd) {
		validate(cmd);
		return jdbc
			.sql("""
					insert into campaigns (name, type, budget, currency, starts_on, ends_on, segment_id, template_id, owner_id)
					values (:name, :type, :budget, :currency, :startsOn, :endsOn, :segment, :template, :owner)
					returning id
					""")
			.params(params(cmd))
			.param("owner", Actor.currentIdOrNull())
			.query(Long.class)
			.single();
	}

	@Transactional
	public void update(long id, CampaignCommand cmd) {
		CampaignDetails c = details(id);
		checkVersion(c, cmd.version());
		if (!c.isEditable()) {
			throw new RuleViolationException("campaign.notEditable",
					"A campaign that is sending or sent can't be changed");
		}
		validate(cmd);
		jdbc.sql("""
				update campaigns set name = :name, type = :type, budget = :budget, currency = :currency,
				       starts_on = :startsOn, ends_on = :endsOn, segment_id = :segment, template_id = :template,
				       version = version + 1, updated_at = now()
				where id = :id and version = :version
				""").params(params(cmd)).param("id", id).param("version", cmd.version()).update();
	}

	private static java.util.Map<String, Object> params(CampaignCommand cmd) {
		var m = new java.util.HashMap<String, Object>();
		m.put("name", cmd.name());
		m.put("type", cmd.type().name());
		m.put("budget", cmd.budget());
		m.put("currency", cmd.currency() == null ? null : cmd.currency().toUpperCase());
		m.put("startsOn", cmd.startsOn());
		m.put("endsOn", cmd.endsOn());
		m.put("segment", cmd.segmentId());
		m.put("template", cmd.templateId());
		return m;
	}

	private void validate(CampaignCommand cmd) {
		if (cmd.budget() != null && cmd.budget().signum() < 0) {
			throw new RuleViolationException("campaign.budget.negative", "The budget can't be negative");
		}
		if (cmd.budget() != null && (cmd.currency() == null || !cmd.currency().matches("[A-Za-z]{3}"))) {
			throw new RuleViolationException("campaign.currency.required", "A budget needs a currency");
		}
		if (cmd.startsOn() != null && cmd.endsOn() != null && cmd.endsOn().isBefore(cmd.startsOn())) {
			throw new RuleViolationException("campaign.dates.order", "The campaign can't end before it starts");
		}
		if (cmd.templateId() != null && !jdbc.sql("select exists (select 1 from email_templates where id = ?)")
			.param(cmd.templateId())
			.query(Boolean.class)
			.single()) {
			throw new RuleViolationException("campaign.template.unknown", "No such template");
		}
	}

	private static void checkVersion(CampaignDetails c, long submitted) {
		if (c.version() != submitted) {
			throw new StaleEditException("Campaign", c.id(), submitted, c.version());
		}
	}

	@Transactional(readOnly = true)
	public CampaignDetails details(long id) {
		return jdbc
			.sql("""
					select c.id, c.name, c.type, c.status, c.budget, c.currency, c.starts_on, c.ends_on, c.segment_id,
					       c.template_id, t.name as template_name, c.scheduled_at, c.sending_started_at, c.sent_at,
					       c.owner_id, u.full_name as owner_name, c.version, c.created_at
					from campaigns c left join email_templates t on t.id = c.template_id left join users u on u.id = c.owner_id
					where c.id = ?
					""")
			.param(id)
			.query(CampaignDetails.class)
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
		List<CampaignRow> rows = where.bind(jdbc.sql(sql)).param("limit", pageSize + 1).query(CampaignRow.class).list();
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
		SegmentMembers.MemberQuery q = memberQuery(c.segmentId());
		return jdbc.sql("""
				select count(distinct lower(trim(c.email))) from (%s) m join contacts c on c.id = m.contact_id where %s
				""".formatted(q.sql(), ELIGIBLE)).params(q.params()).query(Long.class).single();
	}

	/**
	 * Schedules sending at {@code at} (now when null). Refused while the campaign has no
	 * template, no segment, or no contact who may get it.
	 */
	@Transactional
	public void schedule(long id, long version, Instant at) {
		CampaignDetails c = details(id);
		checkVersion(c, version);
		if (!c.isEditable()) {
			throw new RuleViolationException("campaign.notEditable",
					"A campaign that is sending or sent can't be changed");
		}
		if (c.type() != CampaignType.EMAIL) {
			throw new RuleViolationException("campaign.notEmail", "Only e-mail campaigns are sent");
		}
		if (c.templateId() == null) {
			throw new RuleViolationException("campaign.template.required", "Choose a template first");
		}
		if (c.segmentId() == null) {
			throw new RuleViolationException("campaign.segment.required", "Choose a segment first");
		}
		if (eligibleRecipients(id) == 0) {
			throw new RuleViolationException("campaign.noRecipients",
					"Nobody in the segment may get this e-mail (no consent, no valid address, or unsubscribed)");
		}
		Instant when = at == null ? clock.instant() : at;
		jdbc.sql("""
				update campaigns set status = 'SCHEDULED', scheduled_at = ?, version = version + 1, updated_at = now()
				where id = ?
				""").params(Timestamp.from(when), id).update();
	}

	@Transactional
	public void cancel(long id, long version) {
		CampaignDetails c = details(id);
		checkVersion(c, version);
		if (c.status() == CampaignStatus.SENT || c.status() == CampaignStatus.CANCELLED) {
			throw new RuleViolationException("campaign.notCancellable", "This campaign can't be cancelled any more");
		}
		jdbc.sql("update campaigns set status = 'CANCELLED', version = version + 1, updated_at = now() where id = ?")
			.param(id)
			.update();
		// Whatever hasn't gone out yet never will.
		jdbc.sql("""
				update email_outbox set status = 'FAILED', last_error = 'Campaign cancelled', updated_at = now()
				where campaign_id = ? and status = 'PENDING'
				""").param(id).update();
	}

	/**
	 * Starts the campaigns whose time has come, each in its own transaction: claims it
	 * (skip locked, so one node does it), materialises its recipients and marks it
	 * SENDING. A campaign that can't start (its segment is gone, say) goes back to DRAFT
	 * instead of blocking the others. Returns the ids started.
	 */
	public List<Long> startDue() {
		List<Long> started = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			Long id;
			long[] claimed = { 0 };
			try {
				id = tx.execute(status -> startNextDue(claimed));
			}
			catch (RuntimeException ex) {
				if (claimed[0] == 0) {
					throw ex;
				}
				// Exactly the campaign that failed, not whichever is due next (another
				// node may hold that).
				tx.executeWithoutResult(status -> backToDraft(claimed[0]));
				log.warn("Campaign " + claimed[0] + " could not start and is a draft again: " + ex.getMessage());
				continue;
			}
			if (id == null) {
				break;
			}
			started.add(id);
		}
		return started;
	}

	/**
	 * Claims and starts the next due campaign; {@code claimed[0]} says which, should
	 * starting fail.
	 */
	private Long startNextDue(long[] claimed) {
		Instant now = clock.instant();
		var due = jdbc.sql("""
				select id, coalesce(segment_id, 0), coalesce(template_id, 0) from campaigns
				where status = 'SCHEDULED' and scheduled_at <= ?
				order by scheduled_at, id limit 1
				for update skip locked
				""")
			.param(Timestamp.from(now))
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3) })
			.optional();
		if (due.isEmpty()) {
			return null;
		}
		long[] c = due.get();
		claimed[0] = c[0];
		materialise(c[0], c[1], c[2], now);
		jdbc.sql(
				"""
						update campaigns set status = 'SENDING', sending_started_at = ?, version = version + 1, updated_at = now()
						where id = ?
						""")
			.params(Timestamp.from(now), c[0])
			.update();
		return c[0];
	}

	private void backToDraft(long id) {
		jdbc.sql("""
				update campaigns set status = 'DRAFT', scheduled_at = null, version = version + 1, updated_at = now()
				where id = ? and status = 'SCHEDULED'
				""").param(id).update();
	}

	/**
	 * The most frequent reasons the campaign's e-mails are waiting, failed or in doubt.
	 */
	@Transactional(readOnly = true)
	public List<Problem> problems(long id) {
		return jdbc.sql("""
				select status, last_error as error, count(*) as count from email_outbox
				where campaign_id = ? and last_error is not null and status in ('PENDING', 'FAILED', 'UNKNOWN')
				group by status, last_error order by count(*) desc limit 5
				""").param(id).query(Problem.class).list();
	}

	public record Problem(String status, String error, long count) {
	}

	/**
	 * One row per eligible contact and address; re-running adds nobody twice. Returns
	 * rows added.
	 */
	int materialise(long campaignId, long segmentId, long templateId, Instant now) {
		SegmentMembers.MemberQuery q = memberQuery(segmentId);
		List<Object> params = new ArrayList<>(List.of(campaignId, templateId, campaignId, Timestamp.from(now)));
		params.addAll(q.params());
		return jdbc
			.sql("""
					insert into email_outbox (campaign_id, template_id, contact_id, email, message_id, next_attempt_at)
					select ?, ?, e.id, e.email,
					       '<c' || ? || '.' || e.id || '.' || replace(gen_random_uuid()::text, '-', '') || '@opencrm.local>', ?
					from (
					  select distinct on (lower(trim(c.email))) c.id, lower(trim(c.email)) as email
					  from (%s) m join contacts c on c.id = m.contact_id
					  where %s
					  order by lower(trim(c.email)), c.id
					) e
					on conflict do nothing
					"""
				.formatted(q.sql(), ELIGIBLE))
			.params(params)
			.update();
	}

	private SegmentMembers.MemberQuery memberQuery(long segmentId) {
		SegmentMembers members = segments.getIfAvailable();
		if (members == null) {
			throw new RuleViolationException("campaign.segments.unavailable", "Segments are not available");
		}
		return members.query(segmentId);
	}

	@Transactional(readOnly = true)
	public CampaignReport report(long id) {
		CampaignDetails c = details(id);
		// Amounts in different currencies are never added up: revenue is reported in the
		// campaign's
		// budget currency, else in the currency most of its attributed deals use.
		return jdbc
			.sql("""
					with r as (
					  select coalesce(cast(:currency as text),
					                  (select currency from campaign_attributions
					                   where first_campaign_id = :id or last_campaign_id = :id
					                   group by currency order by count(*) desc, currency limit 1)) as cur)
					select count(*) as recipients,
					       count(*) filter (where o.status in ('PENDING', 'SENDING')) as pending,
					       count(*) filter (where o.status = 'SENT') as sent,
					       count(*) filter (where o.status = 'SENT') as delivered,
					       count(*) filter (where o.status = 'FAILED') as failed,
					       count(*) filter (where o.status = 'UNKNOWN') as unknown,
					       count(o.opened_at) as opened,
					       count(o.clicked_at) as clicked,
					       count(o.unsubscribed_at) as unsubscribed,
					       (select count(*) from campaign_leads l where l.campaign_id = :id) as leads,
					       (select count(*) from campaign_leads l where l.campaign_id = :id and l.opportunity_id is not null)
					         as opportunities,
					       (select coalesce(sum(amount), 0) from campaign_attributions
					        where first_campaign_id = :id and currency = (select cur from r)) as first_touch_revenue,
					       (select coalesce(sum(amount), 0) from campaign_attributions
					        where last_campaign_id = :id and currency = (select cur from r)) as last_touch_revenue,
					       (select cur from r) as revenue_currency,
					       (select count(*) from campaign_attributions
					        where (first_campaign_id = :id or last_campaign_id = :id) and currency <> (select cur from r))
					         as other_currency_deals,
					       cast(:budget as numeric) as budget, cast(:currency as text) as currency
					from email_outbox o
					where o.campaign_id = :id
					""")
			.param("id", id)
			.param("budget", c.budget(), java.sql.Types.NUMERIC)
			.param("currency", c.currency(), java.sql.Types.VARCHAR)
			.query(CampaignReport.class)
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
		return jdbc.sql("select id, name from segments order by name, id limit 500").query(Choice.class).list();
	}

	public record Choice(long id, String name) {
	}

	static BigDecimal nz(BigDecimal b) {
		return b == null ? BigDecimal.ZERO : b;
	}

}
