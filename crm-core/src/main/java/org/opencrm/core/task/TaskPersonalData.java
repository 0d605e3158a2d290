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

	@Override
	public void erase(DataSubject person) {
		if (person.contactId() != null) {
			jdbc.sql("delete from tasks where contact_id = ?").param(person.contactId()).update();
		}
	}

}
