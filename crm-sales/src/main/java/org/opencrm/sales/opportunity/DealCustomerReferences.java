package org.opencrm.sales.opportunity;

import java.util.List;
import org.opencrm.core.port.CustomerReferences;
import org.opencrm.core.shared.RecordInUseException.Holder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A deal belongs to its account (the account can't go while it has deals: revenue,
 * forecast and history hang on them); its primary contact is optional, so a deleted
 * person is only taken off the deal.
 */
@Component
class DealCustomerReferences implements CustomerReferences {

	private final JdbcClient jdbc;

	DealCustomerReferences(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<Holder> holdingContact(long contactId) {
		return List.of();
	}

	@Override
	public void releaseContact(long contactId) {
		jdbc.sql("""
				update opportunities set primary_contact_id = null, version = version + 1, updated_at = now()
				where primary_contact_id = ?
				""").param(contactId).update();
	}

	@Override
	public List<Holder> holdingAccount(long accountId) {
		long deals = jdbc.sql("select count(*) from opportunities where account_id = ?")
			.param(accountId)
			.query(Long.class)
			.single();
		return deals == 0 ? List.of() : List.of(new Holder("held.deals", deals));
	}

	@Override
	public void releaseAccount(long accountId) {
		// Nothing: an account with deals is held.
	}

}
