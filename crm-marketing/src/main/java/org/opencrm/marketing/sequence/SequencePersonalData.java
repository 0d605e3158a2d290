package org.opencrm.marketing.sequence;

import java.util.List;
import java.util.Map;
import org.opencrm.core.port.DataSubject;
import org.opencrm.core.port.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The person's nurture-sequence enrolments; deleted on erasure, so no further step mails
 * them.
 */
@Component
class SequencePersonalData implements PersonalData {

	private final JdbcClient jdbc;

	SequencePersonalData(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Map<String, List<Map<String, Object>>> export(DataSubject person) {
		if (person.contactId() == null) {
			return Map.of();
		}
		return Map.of("sequenceEnrolments", PersonalData.plain(jdbc.sql("""
				select q.name as sequence, e.position, e.status, e.stop_reason, e.next_run_at, e.created_at
				from sequence_enrolments e join sequences q on q.id = e.sequence_id
				where e.contact_id = ? order by e.created_at, e.id
				""").param(person.contactId()).query().listOfRows()));
	}

	@Override
	public void erase(DataSubject person) {
		if (person.contactId() != null) {
			jdbc.sql("delete from sequence_enrolments where contact_id = ?").param(person.contactId()).update();
		}
	}

}
