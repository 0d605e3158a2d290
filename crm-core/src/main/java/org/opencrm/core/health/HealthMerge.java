package org.opencrm.core.health;

import org.opencrm.core.port.RecordMerge;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A merged company's health row goes with it; the survivor, which now has the merged
 * company's deals, tickets and timeline, is marked for recomputing.
 */
@Component
class HealthMerge implements RecordMerge {

	private final JdbcClient jdbc;

	private final HealthChanges changes;

	HealthMerge(JdbcClient jdbc, HealthChanges changes) {
		this.jdbc = jdbc;
		this.changes = changes;
	}

	@Override
	public void moveAccount(long from, long to) {
		jdbc.sql("delete from customer_health_changes where account_id = ?").param(from).update();
		jdbc.sql("delete from customer_health where account_id = ?").param(from).update();
		changes.changed(to);
	}

}
