package org.opencrm.sales.lead;

import java.util.Map;
import java.util.Set;
import org.opencrm.core.port.RecordMerge;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Leads converted into a merged person or company point at the survivor; a merged lead's
 * activities (calls, notes, status changes) are the surviving lead's.
 */
@Component
class LeadMerge implements RecordMerge {

	private final JdbcClient jdbc;

	LeadMerge(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void moveContact(long from, long to) {
		jdbc.sql("""
				update leads set converted_contact_id = ?, version = version + 1, updated_at = now()
				where converted_contact_id = ?
				""").params(to, from).update();
	}

	@Override
	public void moveAccount(long from, long to) {
		jdbc.sql("""
				update leads set converted_account_id = ?, version = version + 1, updated_at = now()
				where converted_account_id = ?
				""").params(to, from).update();
	}

	@Override
	public void moveLead(long from, long to, Set<String> taken) {
		jdbc.sql("update lead_activities set lead_id = ? where lead_id = ?").params(to, from).update();
	}

	@Override
	public Map<String, Long> countLead(long leadId) {
		return Map.of("activities",
				RecordMerge.count(jdbc, "select count(*) from lead_activities where lead_id = ?", leadId));
	}

	@Override
	public Map<String, Long> countContact(long contactId) {
		return Map.of("convertedLeads",
				RecordMerge.count(jdbc, "select count(*) from leads where converted_contact_id = ?", contactId));
	}

	@Override
	public Map<String, Long> countAccount(long accountId) {
		return Map.of("convertedLeads",
				RecordMerge.count(jdbc, "select count(*) from leads where converted_account_id = ?", accountId));
	}

}
