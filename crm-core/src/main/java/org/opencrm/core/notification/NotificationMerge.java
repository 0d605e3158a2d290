package org.opencrm.core.notification;

import java.util.Set;
import org.opencrm.core.port.RecordMerge;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A notification about a merged record links to the survivor. */
@Component
class NotificationMerge implements RecordMerge {

	private final JdbcClient jdbc;

	NotificationMerge(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void moveContact(long from, long to) {
		move("contact", from, to);
	}

	@Override
	public void moveAccount(long from, long to) {
		move("account", from, to);
	}

	@Override
	public void moveLead(long from, long to, Set<String> taken) {
		move("lead", from, to);
	}

	private void move(String type, long from, long to) {
		jdbc.sql("update notifications set record_id = ? where record_type = ? and record_id = ?")
			.params(to, type, from)
			.update();
	}

}
