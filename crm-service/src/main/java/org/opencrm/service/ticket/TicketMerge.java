package org.opencrm.service.ticket;

import java.util.Map;
import org.opencrm.core.port.RecordMerge;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A merged customer's tickets, and the messages a merged person wrote in them, are the
 * survivor's (each ticket's version moves).
 */
@Component
class TicketMerge implements RecordMerge {

	private final JdbcClient jdbc;

	TicketMerge(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void moveContact(long from, long to) {
		jdbc.sql("update tickets set contact_id = ?, version = version + 1, updated_at = now() where contact_id = ?")
			.params(to, from)
			.update();
		jdbc.sql("update ticket_messages set author_contact_id = ? where author_contact_id = ?")
			.params(to, from)
			.update();
	}

	@Override
	public void moveAccount(long from, long to) {
		jdbc.sql("update tickets set account_id = ?, version = version + 1, updated_at = now() where account_id = ?")
			.params(to, from)
			.update();
	}

	@Override
	public Map<String, Long> countContact(long contactId) {
		return Map.of("tickets",
				RecordMerge.count(jdbc, "select count(*) from tickets where contact_id = ?", contactId));
	}

	@Override
	public Map<String, Long> countAccount(long accountId) {
		return Map.of("tickets",
				RecordMerge.count(jdbc, "select count(*) from tickets where account_id = ?", accountId));
	}

}
