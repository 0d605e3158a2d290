package org.opencrm.core.delivery;

import java.util.List;
import java.util.Map;
import org.opencrm.core.port.DataSubject;
import org.opencrm.core.port.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The event publication log keeps each event as JSON (a created contact with its address,
 * a captured lead with its name). On erasure those mentioning the person go, delivered or
 * not: an outstanding one re-sent later would bring them back.
 */
@Component
class EventPersonalData implements PersonalData {

	private final JdbcClient jdbc;

	EventPersonalData(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Map<String, List<Map<String, Object>>> export(DataSubject person) {
		return Map.of();
	}

	@Override
	public void erase(DataSubject person) {
		jdbc.sql("delete from event_publication where serialized_event ilike any(?)")
			.param(person.mentions().toArray(String[]::new))
			.update();
	}

}
