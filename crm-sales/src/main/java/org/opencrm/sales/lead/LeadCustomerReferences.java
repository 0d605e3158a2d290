package org.opencrm.sales.lead;

import java.util.List;
import org.opencrm.core.port.CustomerReferences;
import org.opencrm.core.shared.RecordInUseException.Holder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A converted lead stands on its own: it stays converted (with its date and deal) when
 * the person or company it became is deleted, and only loses the link.
 */
@Component
class LeadCustomerReferences implements CustomerReferences {

	private final JdbcClient jdbc;

	LeadCustomerReferences(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void releaseContact(long contactId) {
		jdbc.sql("""
				update leads set converted_contact_id = null, version = version + 1, updated_at = now()
				where converted_contact_id = ?
				""").param(contactId).update();
	}

	@Override
	public void releaseAccount(long accountId) {
		jdbc.sql("""
				update leads set converted_account_id = null, version = version + 1, updated_at = now()
				where converted_account_id = ?
				""").param(accountId).update();
	}

}
