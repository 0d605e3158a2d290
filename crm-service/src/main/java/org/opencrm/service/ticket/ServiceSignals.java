package org.opencrm.service.ticket;

import java.sql.Timestamp;
import java.util.List;
import org.opencrm.core.port.AccountSignals;
import org.opencrm.core.port.CustomerSignals;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Service's part of customer health: each account's open complaints (COMPLAINT tickets
 * not yet resolved or closed) and the SLA breaches recorded on its tickets within the
 * window. One statement per batch over {@code tickets_account_idx} and the SLA events'
 * ticket key.
 */
@Component
class ServiceSignals implements CustomerSignals {

	private final JdbcClient jdbc;

	ServiceSignals(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<AccountSignals> forAccounts(Request r) {
		return jdbc
			.sql("""
					select t.account_id,
					       count(*) filter (where t.type = 'COMPLAINT'
					                        and t.status in ('NEW', 'OPEN', 'PENDING_CUSTOMER', 'ON_HOLD')) as complaints,
					       coalesce(sum((select count(*) from sla_events e
					                     where e.ticket_id = t.id and e.kind = 'BREACH' and e.occurred_at >= ?)), 0) as breaches
					from tickets t
					where t.account_id = any(?)
					group by t.account_id
					""")
			.params(Timestamp.from(r.since()), r.accountIds())
			.query((rs, n) -> AccountSignals.service(rs.getLong("account_id"), rs.getInt("complaints"),
					rs.getInt("breaches")))
			.list();
	}

}
