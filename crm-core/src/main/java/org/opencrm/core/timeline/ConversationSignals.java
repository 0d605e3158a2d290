package org.opencrm.core.timeline;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import org.opencrm.core.port.AccountSignals;
import org.opencrm.core.port.CustomerSignals;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Core's part of the health signals: calls, e-mails and meetings on each account's
 * timeline in the window and in the window before it (the trend). One statement per
 * batch, an index range scan per account.
 */
@Component
class ConversationSignals implements CustomerSignals {

	private final JdbcClient jdbc;

	ConversationSignals(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<AccountSignals> forAccounts(Request r) {
		Duration window = Duration.between(r.since(), r.now());
		return jdbc.sql("""
				select i.account_id,
				       count(*) filter (where i.occurred_at >= ?) as recent,
				       count(*) filter (where i.occurred_at < ?) as prior
				from interactions i
				where i.account_id = any(?) and i.occurred_at >= ? and i.occurred_at <= ?
				  and i.kind in ('CALL', 'EMAIL', 'MEETING')
				group by i.account_id
				""")
			.params(Timestamp.from(r.since()), Timestamp.from(r.since()), r.accountIds(),
					Timestamp.from(r.since().minus(window)), Timestamp.from(r.now()))
			.query((rs, n) -> AccountSignals.conversations(rs.getLong("account_id"), rs.getInt("recent"),
					rs.getInt("prior")))
			.list();
	}

}
