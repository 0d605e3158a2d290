package org.opencrm.marketing.campaign;

import java.util.ArrayList;
import java.util.List;
import org.opencrm.core.shared.Rows;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.marketing.segment.SegmentMembers;
import org.opencrm.marketing.send.SendQueue;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who gets a campaign, in SQL over its segment's members: counted before scheduling, and
 * materialised as sends in one {@code insert … select} when the campaign starts, then
 * queued in bulk in core's one outbox ({@link SendQueue}), in the same transaction.
 */
@Component
class CampaignRecipients {

	/**
	 * Who may get a campaign e-mail: consent, something that looks like an address, not
	 * suppressed. The address rule itself is {@code EmailAddress}'s, applied when the
	 * sends are queued ({@link SendQueue}); the SQL only skips what has no {@code @}.
	 */
	static final String ELIGIBLE = """
			c.consent_email and position('@' in c.email) > 1
			and not exists (select 1 from email_suppressions s where s.email = any(suppression_keys(c.email)))
			""";

	private final JdbcClient jdbc;

	private final ObjectProvider<SegmentMembers> segments;

	private final SendQueue sendQueue;

	CampaignRecipients(JdbcClient jdbc, ObjectProvider<SegmentMembers> segments, SendQueue sendQueue) {
		this.jdbc = jdbc;
		this.segments = segments;
		this.sendQueue = sendQueue;
	}

	/**
	 * How many contacts of the segment would get a campaign now (consenting, valid,
	 * unsuppressed, one per address).
	 */
	long count(long segmentId) {
		SegmentMembers.MemberQuery q = memberQuery(segmentId);
		return jdbc.sql("""
				select count(distinct lower(trim(c.email))) from (%s) m join contacts c on c.id = m.contact_id where %s
				""".formatted(q.sql(), ELIGIBLE)).params(q.params()).query(Long.class).single();
	}

	/**
	 * One row per eligible contact and address; re-running adds nobody twice. Returns
	 * rows added.
	 */
	int materialise(long campaignId, long segmentId, long templateId) {
		SegmentMembers.MemberQuery q = memberQuery(segmentId);
		List<Object> params = new ArrayList<>(List.of(campaignId, templateId, campaignId));
		params.addAll(q.params());
		List<SendQueue.NewSend> sends = jdbc.sql("""
				insert into email_sends (campaign_id, template_id, contact_id, email, message_id)
				select ?, ?, e.id, e.email,
				       '<c' || ? || '.' || e.id || '.' || replace(gen_random_uuid()::text, '-', '') || '@opencrm.local>'
				from (
				  select distinct on (lower(trim(c.email))) c.id, lower(trim(c.email)) as email
				  from (%s) m join contacts c on c.id = m.contact_id
				  where %s
				  order by lower(trim(c.email)), c.id
				) e
				on conflict do nothing
				returning id, email, message_id
				""".formatted(q.sql(), ELIGIBLE)).params(params).query(Rows.of(SendQueue.NewSend.class)).list();
		sendQueue.enqueue("campaign", sends);
		return sends.size();
	}

	private SegmentMembers.MemberQuery memberQuery(long segmentId) {
		SegmentMembers members = segments.getIfAvailable();
		if (members == null) {
			throw new RuleViolationException("campaign.segments.unavailable", "Segments are not available");
		}
		return members.query(segmentId);
	}

}
