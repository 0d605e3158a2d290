package org.opencrm.core.task;

import java.util.Map;
import java.util.Set;
import org.opencrm.core.port.RecordMerge;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Follow-ups about a merged record are about the survivor now. */
@Component
class TaskMerge implements RecordMerge {

	private final JdbcClient jdbc;

	TaskMerge(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void moveContact(long from, long to) {
		jdbc.sql("update tasks set contact_id = ?, version = version + 1, updated_at = now() where contact_id = ?")
			.params(to, from)
			.update();
	}

	@Override
	public void moveAccount(long from, long to) {
		jdbc.sql("update tasks set account_id = ?, version = version + 1, updated_at = now() where account_id = ?")
			.params(to, from)
			.update();
	}

	/**
	 * A lead's follow-ups are tasks about {@code lead:<id>} ({@code relatedRef}, sales'
	 * convention, marketing's MQL task too).
	 */
	@Override
	public void moveLead(long from, long to, Set<String> taken) {
		jdbc.sql("update tasks set related_ref = ?, version = version + 1, updated_at = now() where related_ref = ?")
			.params("lead:" + to, "lead:" + from)
			.update();
	}

	@Override
	public Map<String, Long> countLead(long leadId) {
		return Map.of("tasks", RecordMerge.count(jdbc,
				"select count(*) from tasks where related_ref = 'lead:' || cast(? as text)", leadId));
	}

	@Override
	public Map<String, Long> countContact(long contactId) {
		return Map.of("tasks", RecordMerge.count(jdbc, "select count(*) from tasks where contact_id = ?", contactId));
	}

	@Override
	public Map<String, Long> countAccount(long accountId) {
		return Map.of("tasks", RecordMerge.count(jdbc, "select count(*) from tasks where account_id = ?", accountId));
	}

}
