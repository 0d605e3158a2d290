package org.opencrm.marketing.scoring;

import java.util.Set;
import org.opencrm.core.port.RecordMerge;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Scored leads and engagements (opens, clicks) of a merged person are the survivor's. Of
 * merged leads, one scoring row stays, under the surviving lead: the one of the lead
 * whose score the merge kept (its explanation and MQL mark with it), else the survivor's
 * own, else the merged lead's.
 */
@Component
class ScoringMerge implements RecordMerge {

	private final JdbcClient jdbc;

	ScoringMerge(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void moveLead(long from, long to, Set<String> taken) {
		boolean survivorScored = jdbc.sql("select count(*) from scored_leads where lead_id = ?")
			.param(to)
			.query(Long.class)
			.single() > 0;
		if (survivorScored && !taken.contains("score")) {
			jdbc.sql("delete from scored_leads where lead_id = ?").param(from).update();
			return;
		}
		jdbc.sql("""
				delete from scored_leads where lead_id = ? and exists (select 1 from scored_leads where lead_id = ?)
				""").params(to, from).update();
		jdbc.sql("update scored_leads set lead_id = ?, version = version + 1, updated_at = now() where lead_id = ?")
			.params(to, from)
			.update();
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
