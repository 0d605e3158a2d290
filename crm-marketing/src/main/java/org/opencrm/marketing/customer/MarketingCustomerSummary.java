package org.opencrm.marketing.customer;

import static org.opencrm.core.shared.Rows.instantOrNull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.opencrm.core.shared.Rows;
import org.opencrm.marketing.segment.SegmentQuery;
import org.opencrm.marketing.sequence.SequenceQueries;
import org.opencrm.marketing.sequence.SequenceViews.EnrolmentRow;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Marketing's one read-only façade for the single-customer dashboard: what marketing
 * knows about a contact (segments they belong to, campaign e-mails received, last
 * engagement, lead score with its reasons, form submissions, sequences) or an account
 * (its contacts' e-mails and engagement, their best lead score). A fixed number of
 * statements per call, whatever the history: seven for a contact, two for an account.
 */
@Service
public class MarketingCustomerSummary {

	public static final int TOUCHES_SHOWN = 5;

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final String TOUCHES = """
			select o.id as send_id, o.campaign_id, coalesce(c.name, t.name) as name, o.status, o.sent_at, o.opened_at,
			       o.clicked_at, o.unsubscribed_at, p.first_name || ' ' || p.last_name as contact_name
			from email_sends o join email_templates t on t.id = o.template_id
			left join campaigns c on c.id = o.campaign_id
			join contacts p on p.id = o.contact_id
			""";

	private static final String COUNTS = """
			select count(*) filter (where o.status = 'SENT') as received, count(o.opened_at) as opened,
			       count(o.clicked_at) as clicked, max(o.opened_at) as last_open, max(o.clicked_at) as last_click,
			       max(o.sent_at) as last_sent
			from email_sends o
			""";

	private final JdbcClient jdbc;

	private final SequenceQueries sequences;

	private final SegmentQuery segments;

	MarketingCustomerSummary(JdbcClient jdbc, SequenceQueries sequences, SegmentQuery segments) {
		this.jdbc = jdbc;
		this.sequences = sequences;
		this.segments = segments;
	}

	/**
	 * Everything marketing shows about one customer. {@code score} is null when marketing
	 * scored no lead of this person (or, for an account, of its contacts);
	 * {@code segments}, {@code submissions} and {@code sequences} are empty for an
	 * account.
	 */
	public record Summary(long emailsReceived, long opened, long clicked, Instant lastEngagementAt,
			String lastEngagement, List<Touch> recent, Score score, List<SegmentQuery.Membership> segments,
			List<Submission> submissions, List<EnrolmentRow> sequences) {
	}

	/**
	 * One e-mail: its campaign (or template, for a sequence step) and what the person did
	 * with it.
	 */
	public record Touch(long sendId, Long campaignId, String name, String status, Instant sentAt, Instant openedAt,
			Instant clickedAt, Instant unsubscribedAt, String contactName) {
	}

	/**
	 * A lead score and the rules that made it: the reasons' points add up to the score.
	 */
	public record Score(long leadId, int score, boolean mql, List<Reason> reasons) {
	}

	public record Reason(String label, int count, int points) {
	}

	public record Submission(long formId, String formName, Instant submittedAt) {
	}

	private record Counts(long received, long opened, long clicked, Instant lastOpen, Instant lastClick,
			Instant lastSent) {
	}

	@Transactional(readOnly = true)
	public Summary forContact(long contactId) {
		Counts c = jdbc.sql(COUNTS + " where o.contact_id = ?").param(contactId).query(Rows.of(Counts.class)).single();
		List<Touch> recent = jdbc.sql(TOUCHES + """
				 where o.contact_id = ? and o.status = 'SENT' order by o.sent_at desc, o.id desc limit ?
				""").params(contactId, TOUCHES_SHOWN).query(Rows.of(Touch.class)).list();
		Score score = jdbc.sql("""
				select s.lead_id, s.score, s.mql, s.explanation::text as explanation from scored_leads s
				where s.contact_id = :c
				   or lower(s.email) = (select lower(email) from contacts where id = :c)
				order by s.score desc, s.lead_id desc limit 1
				""").param("c", contactId).query(MarketingCustomerSummary::score).optional().orElse(null);
		List<Submission> submissions = jdbc.sql("""
				select f.id as form_id, f.name as form_name, fs.submitted_at from form_submissions fs
				join lead_forms f on f.id = fs.form_id
				where fs.contact_id = ? order by fs.submitted_at desc, fs.id desc limit 5
				""")
			.param(contactId)
			.query((rs, n) -> new Submission(rs.getLong("form_id"), rs.getString("form_name"),
					instantOrNull(rs, "submitted_at")))
			.list();
		return summary(c, recent, score, segments.segmentsOf(contactId), submissions, sequences.forContact(contactId));
	}

	/**
	 * An account's figures and its most recent e-mails in one statement that costs the
	 * same for an account of twenty thousand contacts as for one of two: the counts from
	 * the roll-up {@code account_email_stats}, the latest open and click and the newest
	 * few sends from the first entries of their indexes on {@code email_sends.account_id}
	 * (V202612070900; both kept by triggers). The newest sends are read once with what
	 * the page shows of them (joining them back to {@code email_sends} by id cost 2 ms of
	 * planning, four times the execution). A row per e-mail shown, each with the figures;
	 * one row with the figures alone when there is none.
	 */
	private static final String ACCOUNT_SENDS = """
			with recent as (
			  select o.id, o.campaign_id, o.template_id, o.contact_id, o.status, o.sent_at, o.opened_at, o.clicked_at,
			         o.unsubscribed_at
			  from email_sends o
			  where o.account_id = :account and o.status = 'SENT' order by o.sent_at desc, o.id desc limit :shown
			), touches as (
			  select o.id as send_id, o.campaign_id, coalesce(c.name, t.name) as name, o.status, o.sent_at, o.opened_at,
			         o.clicked_at, o.unsubscribed_at, p.first_name || ' ' || p.last_name as contact_name
			  from recent o join email_templates t on t.id = o.template_id
			  left join campaigns c on c.id = o.campaign_id
			  join contacts p on p.id = o.contact_id
			)
			select coalesce(k.received, 0) as received, coalesce(k.opened, 0) as opened,
			       coalesce(k.clicked, 0) as clicked,
			       (select max(o.opened_at) from email_sends o where o.account_id = :account) as last_open,
			       (select max(o.clicked_at) from email_sends o where o.account_id = :account) as last_click,
			       t.*
			from (select 1) one
			left join account_email_stats k on k.account_id = :account
			left join touches t on true
			order by t.sent_at desc, t.send_id desc
			""";

	@Transactional(readOnly = true)
	public Summary forAccount(long accountId) {
		List<Touch> recent = new ArrayList<>();
		Counts c = jdbc.sql(ACCOUNT_SENDS).param("account", accountId).param("shown", TOUCHES_SHOWN).query((rs, n) -> {
			if (rs.getObject("send_id") != null) {
				recent.add(new Touch(rs.getLong("send_id"), rs.getObject("campaign_id", Long.class),
						rs.getString("name"), rs.getString("status"), instantOrNull(rs, "sent_at"),
						instantOrNull(rs, "opened_at"), instantOrNull(rs, "clicked_at"),
						instantOrNull(rs, "unsubscribed_at"), rs.getString("contact_name")));
			}
			return new Counts(rs.getLong("received"), rs.getLong("opened"), rs.getLong("clicked"),
					instantOrNull(rs, "last_open"), instantOrNull(rs, "last_click"), null);
		}).list().get(0);
		// The latest send is the newest of those shown (the page shows only sent mail).
		Instant lastSent = recent.isEmpty() ? null : recent.get(0).sentAt();
		c = new Counts(c.received(), c.opened(), c.clicked(), c.lastOpen(), c.lastClick(), lastSent);
		Score score = jdbc.sql("""
				select s.lead_id, s.score, s.mql, s.explanation::text as explanation from scored_leads s
				where s.contact_id in (select id from contacts where account_id = ?)
				order by s.score desc, s.lead_id desc limit 1
				""").param(accountId).query(MarketingCustomerSummary::score).optional().orElse(null);
		return summary(c, recent, score, List.of(), List.of(), List.of());
	}

	private static Score score(ResultSet rs, int n) throws SQLException {
		List<Reason> reasons = new ArrayList<>();
		for (JsonNode i : JSON.readTree(rs.getString("explanation")).values()) {
			reasons.add(new Reason(i.get("label").asString(), i.get("count").asInt(), i.get("points").asInt()));
		}
		return new Score(rs.getLong("lead_id"), rs.getInt("score"), rs.getBoolean("mql"), reasons);
	}

	/** The last engagement: the latest open or click, else the latest send. */
	private static Summary summary(Counts c, List<Touch> recent, Score score, List<SegmentQuery.Membership> segments,
			List<Submission> submissions, List<EnrolmentRow> enrolments) {
		String kind = null;
		Instant at = null;
		if (c.lastClick() != null) {
			kind = "CLICKED";
			at = c.lastClick();
		}
		if (c.lastOpen() != null && (at == null || c.lastOpen().isAfter(at))) {
			kind = "OPENED";
			at = c.lastOpen();
		}
		if (at == null && c.lastSent() != null) {
			kind = "SENT";
			at = c.lastSent();
		}
		return new Summary(c.received(), c.opened(), c.clicked(), at, kind, recent, score, segments, submissions,
				enrolments);
	}

}
