package org.opencrm.sales.lead;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencrm.core.audit.AuditTrail;
import org.opencrm.core.port.DataSubject;
import org.opencrm.core.port.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import org.springframework.stereotype.Component;

/**
 * The person's leads: the lead asked about, every lead with the same address (any case)
 * and the lead the contact was converted from, with their activities. Erased outright: a
 * lead is nothing but a person's data.
 */
@Component
class LeadPersonalData implements PersonalData {

	/**
	 * Leads of the person; named parameters {@code lead}, {@code email}, {@code contact}.
	 */
	static final String THEIRS = """
			(id = :lead or (:email <> '' and lower(email) = :email) or converted_contact_id = :contact)
			""";

	private final JdbcClient jdbc;

	private final AuditTrail audit;

	LeadPersonalData(JdbcClient jdbc, AuditTrail audit) {
		this.jdbc = jdbc;
		this.audit = audit;
	}

	static StatementSpec bind(StatementSpec spec, DataSubject person) {
		return spec.param("lead", person.leadId() == null ? -1L : person.leadId())
			.param("email", person.email() == null ? "" : person.email())
			.param("contact", person.contactId() == null ? -1L : person.contactId());
	}

	@Override
	public Map<String, List<Map<String, Object>>> export(DataSubject person) {
		Map<String, List<Map<String, Object>>> parts = new LinkedHashMap<>();
		parts.put("leads", PersonalData.plain(bind(jdbc.sql("""
				select id, first_name, last_name, email, phone, company, title, industry, country, company_size,
				       source, source_detail, status, disqualified_reason, score, mql, converted_at, last_activity_at,
				       created_at, updated_at
				from leads where
				""" + THEIRS + " order by id"), person).query().listOfRows()));
		parts.put("leadActivities", PersonalData.plain(bind(jdbc.sql("""
				select lead_id, kind, subject, body, occurred_at from lead_activities
				where lead_id in (select id from leads where
				""" + THEIRS + ") order by occurred_at, id"), person).query().listOfRows()));
		return parts;
	}

	/** The leads' field history keeps who changed what, without the values. */
	@Override
	public void erase(DataSubject person) {
		for (long lead : bind(jdbc.sql("select id from leads where " + THEIRS), person).query(Long.class).list()) {
			audit.forgetRecord(LeadService.AUDIT_TYPE, lead);
		}
		// Activities go with their lead (on delete cascade).
		bind(jdbc.sql("delete from leads where " + THEIRS), person).update();
	}

}
