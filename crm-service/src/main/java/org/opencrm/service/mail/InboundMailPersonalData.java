package org.opencrm.service.mail;

import java.util.List;
import java.util.Map;
import org.opencrm.core.port.DataSubject;
import org.opencrm.core.port.PersonalData;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Raw copies of the mail the person sent to support (from their address, to their
 * tickets, or naming them anywhere in the message); deleted on erasure. Runs before the
 * tickets lose their requester.
 */
@Component
@Order(PersonalData.FOLLOWS_LINKS)
class InboundMailPersonalData implements PersonalData {

	private static final String THEIRS = """
			((:email <> '' and lower(from_address) like '%' || :email || '%')
			 or ticket_id in (select t.id from tickets t where t.contact_id = :contact)
			 or encode(raw, 'escape') ilike any(:mentions) or subject ilike any(:mentions))
			""";

	private final JdbcClient jdbc;

	InboundMailPersonalData(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Map<String, List<Map<String, Object>>> export(DataSubject person) {
		return Map.of("inboundMail", PersonalData.plain(bind(jdbc.sql("""
				select message_id, from_address, subject, size_bytes, status, ticket_id, received_at
				from inbound_emails where
				""" + THEIRS + " order by received_at, id"), person).query().listOfRows()));
	}

	@Override
	public void erase(DataSubject person) {
		bind(jdbc.sql("delete from inbound_emails where " + THEIRS), person).update();
	}

	private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, DataSubject person) {
		return spec.param("email", person.email() == null ? "" : person.email())
			.param("contact", person.contactId() == null ? -1L : person.contactId())
			.param("mentions", person.mentions().toArray(String[]::new));
	}

}
