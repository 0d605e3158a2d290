package org.opencrm.service.ticket;

import static org.opencrm.core.shared.Rows.instantOrNull;

import java.util.List;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Service's answer to "what do you know about account (or contact) X", for the customer
 * pages.
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

	@Transactional(readOnly = true)
	public CustomerTickets forAccount(long accountId) {
		return summary("account_id", accountId);
	}

	@Transactional(readOnly = true)
	public CustomerTickets forContact(long contactId) {
		return summary("contact_id", contactId);
	}

	private CustomerTickets summary(String column, long id) {
		List<CustomerTickets.OpenItem> open = jdbc
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
		return jdbc.sql("""
				select count(*) filter (where status in ('NEW', 'OPEN', 'PENDING_CUSTOMER', 'ON_HOLD')) as open_count,
				       count(*) filter (where type = 'COMPLAINT') as complaint_count, count(*) as total_count
				from tickets where %s = ?
				""".formatted(column))
			.param(id)
			.query((rs, n) -> new CustomerTickets(open, rs.getLong(1), rs.getLong(2), rs.getLong(3)))
			.single();
	}

}
