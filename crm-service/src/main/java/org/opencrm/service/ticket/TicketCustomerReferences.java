package org.opencrm.service.ticket;

import java.util.List;
import org.opencrm.core.port.CustomerReferences;
import org.opencrm.core.shared.RecordInUseException.Holder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A ticket is a customer's case: its requester (or a customer who wrote in it) and its
 * account hold it, open or closed; SLA reports and the conversation depend on them.
 * Tickets are moved to someone else or removed with the person's erasure, not here.
 */
@Component
class TicketCustomerReferences implements CustomerReferences {

	private final JdbcClient jdbc;

	TicketCustomerReferences(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<Holder> holdingContact(long contactId) {
		long tickets = jdbc
			.sql("""
					select count(*) from tickets t
					where t.contact_id = :contact
					   or exists (select 1 from ticket_messages m where m.ticket_id = t.id and m.author_contact_id = :contact)
					""")
			.param("contact", contactId)
			.query(Long.class)
			.single();
		return Holder.ifAny("held.tickets", tickets);
	}

	@Override
	public List<Holder> holdingAccount(long accountId) {
		long tickets = jdbc.sql("select count(*) from tickets where account_id = ?")
			.param(accountId)
			.query(Long.class)
			.single();
		return Holder.ifAny("held.tickets", tickets);
	}

}
