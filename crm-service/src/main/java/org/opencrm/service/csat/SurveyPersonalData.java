package org.opencrm.service.csat;

import java.util.List;
import java.util.Map;
import org.opencrm.core.port.DataSubject;
import org.opencrm.core.port.PersonalData;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The person's satisfaction answers. On erasure the rating stays in the CSAT figures; the
 * comment, the ticket's subject and the link to the person go. Runs before the tickets
 * lose their requester.
 */
@Component
@Order(PersonalData.FOLLOWS_LINKS)
class SurveyPersonalData implements PersonalData {

	private static final String THEIRS = """
			(contact_id = :contact or ticket_id in (select t.id from tickets t where t.contact_id = :contact))
			""";

	private final JdbcClient jdbc;

	SurveyPersonalData(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Map<String, List<Map<String, Object>>> export(DataSubject person) {
		if (person.contactId() == null) {
			return Map.of();
		}
		return Map.of("satisfactionSurveys", PersonalData.plain(jdbc.sql("""
				select ticket_number, ticket_subject, sent_at, rating, comment, rated_at from csat_surveys where
				""" + THEIRS + " order by created_at, id").param("contact", person.contactId()).query().listOfRows()));
	}

	@Override
	public void erase(DataSubject person) {
		if (person.contactId() == null) {
			return;
		}
		jdbc.sql("""
				update csat_surveys set contact_id = null, comment = null, ticket_subject = null,
				       version = version + 1, updated_at = now()
				where
				""" + THEIRS).param("contact", person.contactId()).update();
	}

}
