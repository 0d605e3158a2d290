package org.opencrm.core.notification;

import java.util.List;
import java.util.Map;
import org.opencrm.core.port.DataSubject;
import org.opencrm.core.port.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Staff notifications about the person (their record was assigned, a note about them
 * mentioned someone): they carry the person's name, so an erasure deletes them. Not
 * exported: they are the staff's messages, not the person's data.
 */
@Component
class NotificationPersonalData implements PersonalData {

	private final JdbcClient jdbc;

	NotificationPersonalData(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Map<String, List<Map<String, Object>>> export(DataSubject person) {
		return Map.of();
	}

	@Override
	public void erase(DataSubject person) {
		jdbc.sql("""
				delete from notifications
				where (record_type = 'contact' and record_id = :contact)
				   or (record_type = 'lead' and record_id = :lead)
				   or array_to_string(message_args, ' ') ilike any(:mentions)
				""")
			.param("contact", person.contactId() == null ? -1L : person.contactId())
			.param("lead", person.leadId() == null ? -1L : person.leadId())
			.param("mentions", person.mentions().toArray(String[]::new))
			.update();
	}

}
