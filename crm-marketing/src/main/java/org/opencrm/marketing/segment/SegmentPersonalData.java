package org.opencrm.marketing.segment;

import java.util.List;
import java.util.Map;
import org.opencrm.core.port.DataSubject;
import org.opencrm.core.port.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The static segments the person is a member of; the memberships go on erasure. */
@Component
class SegmentPersonalData implements PersonalData {

	private final JdbcClient jdbc;

	SegmentPersonalData(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Map<String, List<Map<String, Object>>> export(DataSubject person) {
		if (person.contactId() == null) {
			return Map.of();
		}
		return Map.of("segmentMemberships", PersonalData.plain(jdbc.sql("""
				select s.name as segment, m.added_at
				from segment_members m join segments s on s.id = m.segment_id
				where m.contact_id = ? order by m.added_at, s.id
				""").param(person.contactId()).query().listOfRows()));
	}

	@Override
	public void erase(DataSubject person) {
		if (person.contactId() != null) {
			jdbc.sql("delete from segment_members where contact_id = ?").param(person.contactId()).update();
		}
	}

}
