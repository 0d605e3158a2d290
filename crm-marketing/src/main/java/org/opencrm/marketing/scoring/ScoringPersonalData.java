package org.opencrm.marketing.scoring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencrm.core.port.DataSubject;
import org.opencrm.core.port.PersonalData;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The person's lead scores (with their explanations) and recorded engagements (opens,
 * clicks, replies); deleted on erasure. Runs before sales erases the leads the scores
 * point at.
 */
@Component
@Order(PersonalData.FOLLOWS_LINKS)
class ScoringPersonalData implements PersonalData {

	private static final String SCORES = """
			(contact_id = :contact or (:email <> '' and lower(email) = :email)
			 or lead_id = :lead or lead_id in (select l.id from leads l where l.converted_contact_id = :contact))
			""";

	private static final String ENGAGEMENTS = "(contact_id = :contact or (:email <> '' and lower(email) = :email))";

	private final JdbcClient jdbc;

	ScoringPersonalData(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Map<String, List<Map<String, Object>>> export(DataSubject person) {
		Map<String, List<Map<String, Object>>> parts = new LinkedHashMap<>();
		parts.put("leadScores", PersonalData.plain(bind(jdbc.sql("""
				select lead_id, email, score, mql, mql_at, explanation, scored_at from scored_leads where
				""" + SCORES + " order by lead_id"), person).query().listOfRows()));
		parts.put("engagements", PersonalData.plain(bind(jdbc.sql("""
				select type, campaign_id, occurred_at from engagements where
				""" + ENGAGEMENTS + " order by occurred_at, id"), person).query().listOfRows()));
		return parts;
	}

	@Override
	public void erase(DataSubject person) {
		bind(jdbc.sql("delete from scored_leads where " + SCORES), person).update();
		bind(jdbc.sql("delete from engagements where " + ENGAGEMENTS), person).update();
	}

	private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, DataSubject person) {
		return spec.param("lead", person.leadId() == null ? -1L : person.leadId())
			.param("email", person.email() == null ? "" : person.email())
			.param("contact", person.contactId() == null ? -1L : person.contactId());
	}

}
