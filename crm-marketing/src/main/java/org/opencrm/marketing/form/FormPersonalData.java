package org.opencrm.marketing.form;

import java.util.List;
import java.util.Map;
import org.opencrm.core.port.DataSubject;
import org.opencrm.core.port.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The person's web-form submissions (by contact or by address); deleted on erasure. A
 * form's count of submissions drops with them, as it should.
 */
@Component
class FormPersonalData implements PersonalData {

	private static final String THEIRS = "(contact_id = :contact or (:email <> '' and lower(email) = :email))";

	private final JdbcClient jdbc;

	FormPersonalData(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Map<String, List<Map<String, Object>>> export(DataSubject person) {
		return Map.of("formSubmissions", PersonalData.plain(jdbc
			.sql("""
					select f.name as form, s.submitted_at, s.email, s.first_name, s.last_name, s.company, s.data,
					       s.client_address
					from form_submissions s join lead_forms f on f.id = s.form_id
					where
					""" + THEIRS.replace("contact_id", "s.contact_id").replace("lower(email)", "lower(s.email)")
					+ " order by s.submitted_at, s.id")
			.param("contact", person.contactId() == null ? -1L : person.contactId())
			.param("email", person.email() == null ? "" : person.email())
			.query()
			.listOfRows()));
	}

	@Override
	public void erase(DataSubject person) {
		jdbc.sql("delete from form_submissions where " + THEIRS)
			.param("contact", person.contactId() == null ? -1L : person.contactId())
			.param("email", person.email() == null ? "" : person.email())
			.update();
	}

}
