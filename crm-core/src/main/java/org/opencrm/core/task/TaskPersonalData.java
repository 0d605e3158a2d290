package org.opencrm.core.task;

import java.util.List;
import java.util.Map;
import org.opencrm.core.port.DataSubject;
import org.opencrm.core.port.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Follow-ups about the person: exported, and deleted with them. */
@Component
class TaskPersonalData implements PersonalData {

	private final JdbcClient jdbc;

	TaskPersonalData(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Map<String, List<Map<String, Object>>> export(DataSubject person) {
		if (person.contactId() == null) {
			return Map.of();
		}
		return Map.of("tasks", PersonalData.plain(jdbc.sql("""
				select id, title, description, due_at, status, completed_at, created_at
				from tasks where contact_id = ? order by due_at, id
				""").param(person.contactId()).query().listOfRows()));
	}

	/**
	 * Tasks about the contact, and those about another module's record of the person (a
	 * lead's follow-up) that name them.
	 */
	@Override
	public void erase(DataSubject person) {
		jdbc.sql("""
				delete from tasks
				where contact_id = :contact or title ilike any(:mentions) or description ilike any(:mentions)
				""")
			.param("contact", person.contactId() == null ? -1L : person.contactId())
			.param("mentions", person.mentions().toArray(String[]::new))
			.update();
	}

}
