package org.opencrm.marketing.scoring;

import org.opencrm.core.port.RecordMerge;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Scored leads and engagements (opens, clicks) of a merged person are the survivor's. */
@Component
class ScoringMerge implements RecordMerge {

	private final JdbcClient jdbc;

	ScoringMerge(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void moveContact(long from, long to) {
		jdbc.sql("""
				update scored_leads set contact_id = ?, version = version + 1, updated_at = now()
				where contact_id = ?
				""").params(to, from).update();
		jdbc.sql("update engagements set contact_id = ? where contact_id = ?").params(to, from).update();
	}

}
