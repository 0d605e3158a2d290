package org.opencrm.marketing.campaign;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.marketing.segment.SegmentMembers;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who gets a campaign, in SQL over its segment's members: counted before scheduling, and
 * materialised into the outbox in one {@code insert … select} when the campaign starts.
 */
@Component
class CampaignRecipients {

	/** Who may get a campaign e-mail: consent, a plausible address, not suppressed. */
	static final String ELIGIBLE = """
			c.consent_email and c.email ~* '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$'
			and not exists (select 1 from email_suppressions s where s.email = lower(trim(c.email)))
			""";

	private final JdbcClient jdbc;

	private final ObjectProvider<SegmentMembers> segments;

	CampaignRecipients(JdbcClient jdbc, ObjectProvider<SegmentMembers> segments) {
		this.jdbc = jdbc;
		this.segments = segments;
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

}
