package org.opencrm.service.ticket;

import static org.opencrm.core.shared.Rows.instantOrNull;

import java.util.List;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Service's answer to "what do you know about account (or contact) X", for the customer
 * pages: their open tickets. Their counts are read by {@code ServiceCustomerSummary} with
 * its other figures in one statement.
 */
@Service
public class TicketSummaryQuery {

	static final int SHOWN = 5;

	private static final RowMapper<CustomerTickets.OpenItem> ITEM = (rs, n) -> new CustomerTickets.OpenItem(
			rs.getLong("id"), rs.getString("number"), rs.getString("subject"),
			TicketStatus.valueOf(rs.getString("status")), TicketPriority.valueOf(rs.getString("priority")),
			instantOrNull(rs, "first_response_warn_at"), instantOrNull(rs, "first_response_due_at"),
			instantOrNull(rs, "first_responded_at"), instantOrNull(rs, "resolution_warn_at"),
			instantOrNull(rs, "resolution_due_at"), instantOrNull(rs, "sla_paused_at"));

	private final JdbcClient jdbc;

	TicketSummaryQuery(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** An account's open tickets, most urgent first (a few). */
	@Transactional(readOnly = true)
	public List<CustomerTickets.OpenItem> openOfAccount(long accountId) {
		return open("account_id", accountId);
	}

	/** A person's open tickets, most urgent first (a few). */
	@Transactional(readOnly = true)
	public List<CustomerTickets.OpenItem> openOfContact(long contactId) {
		return open("contact_id", contactId);
	}

	private List<CustomerTickets.OpenItem> open(String column, long id) {
		return jdbc
			.sql("""
					select t.id, t.number, t.subject, t.status, t.priority, t.first_response_warn_at, t.first_response_due_at,
					       t.first_responded_at, t.resolution_warn_at, t.resolution_due_at, t.sla_paused_at
					from tickets t where t.%s = ? and t.status in ('NEW', 'OPEN', 'PENDING_CUSTOMER', 'ON_HOLD')
					order by t.queue_sort_at, t.id limit ?
					"""
				.formatted(column))
			.params(id, SHOWN)
			.query(ITEM)
			.list();
	}

}
