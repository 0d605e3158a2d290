package org.opencrm.sales.partner;

import java.util.List;
import org.opencrm.core.port.CustomerReferences;
import org.opencrm.core.shared.RecordInUseException.Holder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A partner record is sales' view of one account and goes with it, unless deals were made
 * through the partner (their partner revenue would lose its partner).
 */
@Component
class PartnerCustomerReferences implements CustomerReferences {

	private final JdbcClient jdbc;

	PartnerCustomerReferences(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<Holder> holdingAccount(long accountId) {
		long deals = jdbc.sql("select count(*) from opportunities where partner_account_id = ?")
			.param(accountId)
			.query(Long.class)
			.single();
		return Holder.ifAny("held.partnerDeals", deals);
	}

	@Override
	public void releaseAccount(long accountId) {
		jdbc.sql("delete from partners where account_id = ?").param(accountId).update();
	}

}
