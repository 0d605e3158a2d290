package org.opencrm.core.contact;

import java.util.List;
import java.util.Map;
import org.opencrm.core.audit.AuditTrail;
import org.opencrm.core.port.RecordMerge;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * People's part of a merge: a merged person's consent log joins the survivor's (the
 * history of what they agreed to stays whole); a merged company's people move to the
 * survivor, each as a versioned change in their field history.
 */
@Component
class ContactMerge implements RecordMerge {

	private final JdbcClient jdbc;

	private final AuditTrail audit;

	ContactMerge(JdbcClient jdbc, AuditTrail audit) {
		this.jdbc = jdbc;
		this.audit = audit;
	}

	@Override
	public void moveContact(long from, long to) {
		jdbc.sql("update contact_consents set contact_id = ? where contact_id = ?").params(to, from).update();
	}

	@Override
	public void moveAccount(long from, long to) {
		List<Long> moved = jdbc.sql("""
				update contacts set account_id = ?, version = version + 1, updated_at = now()
				where account_id = ? returning id
				""").params(to, from).query(Long.class).list();
		audit.changedAll(ContactService.AUDIT_TYPE, moved, "accountId", Long.toString(from), Long.toString(to));
	}

	@Override
	public Map<String, Long> countContact(long contactId) {
		return Map.of("consents",
				RecordMerge.count(jdbc, "select count(*) from contact_consents where contact_id = ?", contactId));
	}

	@Override
	public Map<String, Long> countAccount(long accountId) {
		return Map.of("contacts",
				RecordMerge.count(jdbc, "select count(*) from contacts where account_id = ?", accountId));
	}

}
