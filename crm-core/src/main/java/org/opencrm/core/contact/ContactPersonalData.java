package org.opencrm.core.contact;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencrm.core.port.DataSubject;
import org.opencrm.core.port.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The person's own record and consent log in the export. Both go last on erasure
 * ({@link ContactService#erase}), once every module let go of the contact.
 */
@Component
class ContactPersonalData implements PersonalData {

	private final JdbcClient jdbc;

	ContactPersonalData(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Map<String, List<Map<String, Object>>> export(DataSubject person) {
		if (person.contactId() == null) {
			return Map.of();
		}
		Map<String, List<Map<String, Object>>> parts = new LinkedHashMap<>();
		parts.put("contact",
				PersonalData.plain(jdbc
					.sql("""
							select c.id, c.first_name, c.last_name, c.title, c.email, c.phone, c.mobile, c.street, c.city,
							       c.postal_code, c.country, a.name as account_name, c.lifecycle_stage, c.tags, c.consent_email,
							       c.consent_phone, c.consent_updated_at, c.preferred_locale, c.last_activity_at, c.created_at, c.updated_at
							from contacts c left join accounts a on a.id = c.account_id
							where c.id = ?
							""")
					.param(person.contactId())
					.query()
					.listOfRows()));
		parts.put("consentLog", PersonalData.plain(jdbc.sql("""
				select channel, granted, source, text_shown, occurred_at
				from contact_consents where contact_id = ? order by occurred_at, id
				""").param(person.contactId()).query().listOfRows()));
		return parts;
	}

	@Override
	public void erase(DataSubject person) {
		// ContactService.erase, last.
	}

}
