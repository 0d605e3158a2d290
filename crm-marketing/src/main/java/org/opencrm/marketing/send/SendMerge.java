package org.opencrm.marketing.send;

import java.util.Map;
import org.opencrm.core.port.RecordMerge;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A merged person's sent mail is the survivor's. A campaign sends once per person: where
 * both got the same campaign, the merged person's send keeps its address and result but
 * no longer names a person (as when a person is deleted), so the survivor still counts
 * once.
 */
@Component
class SendMerge implements RecordMerge {

	private final JdbcClient jdbc;

	SendMerge(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void moveContact(long from, long to) {
		jdbc.sql("""
				update email_sends s
				set contact_id = case when s.campaign_id is not null and exists (
				      select 1 from email_sends t where t.campaign_id = s.campaign_id and t.contact_id = :to)
				    then null else :to end,
				    updated_at = now()
				where s.contact_id = :from
				""").param("to", to).param("from", from).update();
	}

	@Override
	public Map<String, Long> countContact(long contactId) {
		return Map.of("sends",
				RecordMerge.count(jdbc, "select count(*) from email_sends where contact_id = ?", contactId));
	}

}
