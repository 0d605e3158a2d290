package org.opencrm.sales.lead;

import java.sql.Timestamp;
import java.time.Instant;
import org.opencrm.core.shared.Actor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A lead's history: calls, notes, status changes. Rows are appended, never edited, so
 * they are written in one statement each rather than loaded as part of the {@link Lead}.
 */
@Component
class LeadActivities {

	private final JdbcClient jdbc;

	LeadActivities(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Notes what happened on the lead, by the current user (null for the system). */
	void add(long leadId, String kind, String subject, String body, Instant at) {
		jdbc.sql("""
				insert into lead_activities (lead_id, kind, subject, body, occurred_at, author_id)
				values (?, ?, ?, ?, ?, ?)
				""").params(leadId, kind, subject, body, Timestamp.from(at), Actor.currentIdOrNull()).update();
	}

}
