package org.opencrm.marketing.segment;

import java.util.Map;
import org.opencrm.core.port.RecordMerge;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A merged person's segment memberships become the survivor's; where both were members,
 * the survivor's membership (and its date) stays and the other goes.
 */
@Component
class SegmentMerge implements RecordMerge {

	private final JdbcClient jdbc;

	SegmentMerge(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void moveContact(long from, long to) {
		jdbc.sql("""
				insert into segment_members (segment_id, contact_id, added_at)
				select segment_id, ?, added_at from segment_members where contact_id = ?
				on conflict (segment_id, contact_id) do nothing
				""").params(to, from).update();
		jdbc.sql("delete from segment_members where contact_id = ?").param(from).update();
	}

	@Override
	public Map<String, Long> countContact(long contactId) {
		return Map.of("segments",
				RecordMerge.count(jdbc, "select count(*) from segment_members where contact_id = ?", contactId));
	}

}
