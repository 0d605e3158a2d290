package org.opencrm.sales.purchase;

import java.util.List;
import org.opencrm.core.port.AccountSignals;
import org.opencrm.core.port.CustomerSignals;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Sales' part of customer health: each account's last purchase day, number of won deals
 * and won revenue (in the requested currency only; deals in other currencies still count
 * as purchases). One statement per batch over {@code opportunities_account_idx}.
 */
@Component
class PurchaseSignals implements CustomerSignals {

	private final JdbcClient jdbc;

	PurchaseSignals(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<AccountSignals> forAccounts(Request r) {
		return jdbc
			.sql("""
					select o.account_id, max(coalesce((o.closed_at at time zone 'UTC')::date, o.close_date)) as last_purchase,
					       count(*) as purchases, coalesce(sum(o.amount) filter (where o.currency = ?), 0) as revenue
					from opportunities o
					where o.account_id = any(?) and o.status = 'WON'
					group by o.account_id
					""")
			.params(r.currency(), r.accountIds())
			.query((rs, n) -> AccountSignals.purchases(rs.getLong("account_id"),
					rs.getObject("last_purchase", java.time.LocalDate.class), rs.getInt("purchases"),
					rs.getBigDecimal("revenue")))
			.list();
	}

}
