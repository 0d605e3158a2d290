package org.opencrm.core.timeline;

import java.util.Map;
import org.opencrm.core.port.RecordMerge;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A merged record's timeline becomes the survivor's: every entry, as it was. */
@Component
class TimelineMerge implements RecordMerge {

	private final JdbcClient jdbc;

	TimelineMerge(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void moveContact(long from, long to) {
		jdbc.sql(
				"update interactions set contact_id = ?, version = version + 1, updated_at = now() where contact_id = ?")
			.params(to, from)
			.update();
	}

	@Override
	public void moveAccount(long from, long to) {
		jdbc.sql(
				"update interactions set account_id = ?, version = version + 1, updated_at = now() where account_id = ?")
			.params(to, from)
			.update();
	}

	@Override
	public Map<String, Long> countContact(long contactId) {
		return Map.of("timeline",
				RecordMerge.count(jdbc, "select count(*) from interactions where contact_id = ?", contactId));
	}

	@Override
	public Map<String, Long> countAccount(long accountId) {
		return Map.of("timeline",
				RecordMerge.count(jdbc, "select count(*) from interactions where account_id = ?", accountId));
	}

}
