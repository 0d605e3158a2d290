package org.opencrm.core.audit;

import java.util.List;
import java.util.Map;
import org.opencrm.core.port.DataSubject;
import org.opencrm.core.port.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The person's field history in the export. Erasing its values is the privacy service's
 * last step ({@link AuditTrail#forget}), after every other module wrote what it wrote.
 */
@Component
class AuditPersonalData implements PersonalData {

	private final JdbcClient jdbc;

	AuditPersonalData(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Map<String, List<Map<String, Object>>> export(DataSubject person) {
		if (person.contactId() == null && person.leadId() == null) {
			return Map.of();
		}
		return Map.of("fieldHistory", PersonalData.plain(jdbc.sql("""
				select entity_type, entity_id, action, field, old_value, new_value, changed_at
				from audit_log
				where (entity_type = 'contact' and entity_id = :contact) or (entity_type = 'lead' and entity_id = :lead)
				order by changed_at, id
				""")
			.param("contact", person.contactId() == null ? -1L : person.contactId())
			.param("lead", person.leadId() == null ? -1L : person.leadId())
			.query()
			.listOfRows()));
	}

	@Override
	public void erase(DataSubject person) {
		// AuditTrail.forget, last.
	}

}
