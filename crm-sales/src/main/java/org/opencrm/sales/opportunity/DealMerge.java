package org.opencrm.sales.opportunity;

import java.util.Map;
import java.util.Set;
import org.opencrm.core.port.RecordMerge;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Deals of a merged company, deals made through it as a partner, deals whose primary
 * contact was a merged person, and deals that came from a merged lead move to the
 * survivor (each deal's version moves).
 */
@Component
class DealMerge implements RecordMerge {

	private final JdbcClient jdbc;

	DealMerge(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void moveContact(long from, long to) {
		jdbc.sql("""
				update opportunities set primary_contact_id = ?, version = version + 1, updated_at = now()
				where primary_contact_id = ?
				""").params(to, from).update();
	}

	@Override
	public void moveAccount(long from, long to) {
		jdbc.sql("""
				update opportunities set account_id = ?, version = version + 1, updated_at = now()
				where account_id = ?
				""").params(to, from).update();
		jdbc.sql("""
				update opportunities set partner_account_id = ?, version = version + 1, updated_at = now()
				where partner_account_id = ?
				""").params(to, from).update();
	}

	@Override
	public void moveLead(long from, long to, Set<String> taken) {
		jdbc.sql("update opportunities set lead_id = ?, version = version + 1, updated_at = now() where lead_id = ?")
			.params(to, from)
			.update();
	}

	@Override
	public Map<String, Long> countLead(long leadId) {
		return Map.of("deals", RecordMerge.count(jdbc, "select count(*) from opportunities where lead_id = ?", leadId));
	}

	@Override
	public Map<String, Long> countContact(long contactId) {
		return Map.of("deals",
				RecordMerge.count(jdbc, "select count(*) from opportunities where primary_contact_id = ?", contactId));
	}

	@Override
	public Map<String, Long> countAccount(long accountId) {
		return Map.of("deals", RecordMerge.count(jdbc,
				"select count(*) from opportunities where account_id = ? or partner_account_id = ?", accountId));
	}

}
