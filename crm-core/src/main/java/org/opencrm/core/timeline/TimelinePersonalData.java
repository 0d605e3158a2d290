package org.opencrm.core.timeline;

import java.util.List;
import java.util.Map;
import org.opencrm.core.port.DataSubject;
import org.opencrm.core.port.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The person's timeline. Erased entirely, the entries their account shows too included (a
 * call with them is about them), and so is any entry whose text mentions them.
 */
@Component
class TimelinePersonalData implements PersonalData {

	private final JdbcClient jdbc;

	TimelinePersonalData(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Map<String, List<Map<String, Object>>> export(DataSubject person) {
		if (person.contactId() == null) {
			return Map.of();
		}
		return Map.of("timeline", PersonalData.plain(jdbc.sql("""
				select id, kind, occurred_at, subject, body, subject_key, subject_args, body_key, body_args,
				       source_module, source_ref
				from interactions where contact_id = ? order by occurred_at, id
				""").param(person.contactId()).query().listOfRows()));
	}

	@Override
	public void erase(DataSubject person) {
		jdbc.sql("""
				delete from interactions
				where contact_id = :contact
				   or subject ilike any(:mentions) or body ilike any(:mentions)
				   or subject_args::text ilike any(:mentions) or body_args::text ilike any(:mentions)
				""")
			.param("contact", person.contactId() == null ? -1L : person.contactId())
			.param("mentions", person.mentions().toArray(String[]::new))
			.update();
	}

}
