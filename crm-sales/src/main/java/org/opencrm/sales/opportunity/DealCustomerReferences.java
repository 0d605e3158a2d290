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
		return Holder.ifAny("held.deals", deals);
	}

}
