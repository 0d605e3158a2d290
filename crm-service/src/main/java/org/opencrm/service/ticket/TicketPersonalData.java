package org.opencrm.service.ticket;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencrm.core.port.DataSubject;
import org.opencrm.core.port.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The person's tickets, their messages and the attachments' names. On erasure a ticket
 * stays for the service statistics (type, priority, queue, SLA times, status) but says
 * nothing about the person any more: no requester, subject and texts replaced, references
 * and tags cleared, attachments deleted; so do the person's messages on other tickets.
 */
@Component
class TicketPersonalData implements PersonalData {

	static final String ERASED = "[erased]";

	private final JdbcClient jdbc;

	TicketPersonalData(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Map<String, List<Map<String, Object>>> export(DataSubject person) {
		if (person.contactId() == null) {
			return Map.of();
		}
		long contact = person.contactId();
		Map<String, List<Map<String, Object>>> parts = new LinkedHashMap<>();
		parts.put("tickets", PersonalData.plain(jdbc.sql("""
				select id, number, subject, description, type, priority, status, channel, tags, order_reference,
				       product_reference, return_status, opened_at, resolved_at, closed_at
				from tickets where contact_id = ? order by opened_at, id
				""").param(contact).query().listOfRows()));
		parts.put("ticketMessages",
				PersonalData.plain(jdbc
					.sql("""
							select m.ticket_id, m.author_kind, m.body, m.created_at
							from ticket_messages m
							where not m.internal
							  and (m.author_contact_id = :contact or m.ticket_id in (select id from tickets where contact_id = :contact))
							order by m.created_at, m.id
							""")
					.param("contact", contact)
					.query()
					.listOfRows()));
		parts.put("ticketAttachments",
				PersonalData.plain(jdbc
					.sql("""
							select a.ticket_id, a.filename, a.content_type, a.size_bytes, a.created_at
							from ticket_attachments a join ticket_messages m on m.id = a.message_id
							where not m.internal
							  and (m.author_contact_id = :contact or a.ticket_id in (select id from tickets where contact_id = :contact))
							order by a.created_at, a.id
							""")
					.param("contact", contact)
					.query()
					.listOfRows()));
		return parts;
	}

	@Override
	public void erase(DataSubject person) {
		if (person.contactId() == null) {
			return;
		}
		long contact = person.contactId();
		String theirMessages = """
				(author_contact_id = :contact or ticket_id in (select id from tickets where contact_id = :contact))
				""";
		jdbc.sql("delete from ticket_attachments where message_id in (select id from ticket_messages where "
				+ theirMessages + ")")
			.param("contact", contact)
			.update();
		jdbc.sql("update ticket_messages set body = :erased, author_contact_id = null, external_ref = null where "
				+ theirMessages)
			.param("contact", contact)
			.param("erased", ERASED)
			.update();
		jdbc.sql("""
				update tickets
				set subject = :erased, description = null, contact_id = null, tags = '{}', order_reference = null,
				    product_reference = null, version = version + 1, updated_at = now()
				where contact_id = :contact
				""").param("contact", contact).param("erased", ERASED).update();
	}

}
