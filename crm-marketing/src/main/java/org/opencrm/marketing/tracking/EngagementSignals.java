package org.opencrm.marketing.tracking;

import java.sql.Timestamp;
import java.util.List;
import org.opencrm.core.port.AccountSignals;
import org.opencrm.core.port.CustomerSignals;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Marketing's part of customer health: over all contacts of each account, the marketing
 * e-mails first opened and first clicked within the window, and the web-form submissions
 * within it. One statement per batch (contacts by account, then the outbox and
 * submissions by contact).
 */
@Component
class EngagementSignals implements CustomerSignals {

	private final JdbcClient jdbc;

	EngagementSignals(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<AccountSignals> forAccounts(Request r) {
		Timestamp since = Timestamp.from(r.since());
		return jdbc
			.sql("""
					select c.account_id,
					       coalesce(sum(m.opens), 0) as opens, coalesce(sum(m.clicks), 0) as clicks,
					       coalesce(sum(f.forms), 0) as forms
					from contacts c
					left join lateral (
					  select count(*) filter (where o.opened_at >= ?) as opens, count(*) filter (where o.clicked_at >= ?) as clicks
					  from email_sends o where o.contact_id = c.id and o.sent_at is not null) m on true
					left join lateral (
					  select count(*) as forms from form_submissions s where s.contact_id = c.id and s.submitted_at >= ?) f on true
					where c.account_id = any(?)
					group by c.account_id
					having coalesce(sum(m.opens), 0) + coalesce(sum(m.clicks), 0) + coalesce(sum(f.forms), 0) > 0
					""")
			.params(since, since, since, r.accountIds())
			.query((rs, n) -> AccountSignals.engagement(rs.getLong("account_id"), rs.getInt("opens"),
					rs.getInt("clicks"), rs.getInt("forms")))
			.list();
	}

}
