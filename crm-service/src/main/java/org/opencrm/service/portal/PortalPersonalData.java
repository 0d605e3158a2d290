package org.opencrm.service.portal;

import java.util.List;
import java.util.Map;
import org.opencrm.core.port.DataSubject;
import org.opencrm.core.port.PersonalData;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Open e-mail verifications of the person's portal sign-in; deleted on erasure, before
 * core anonymises the sign-in itself.
 */
@Component
@Order(PersonalData.FOLLOWS_LINKS)
class PortalPersonalData implements PersonalData {

	private final JdbcClient jdbc;

	PortalPersonalData(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Map<String, List<Map<String, Object>>> export(DataSubject person) {
		return Map.of();
	}

	@Override
	public void erase(DataSubject person) {
		jdbc.sql(
				"""
						delete from portal_verifications where user_id in (
						    select u.id from users u
						    where u.role = 'CUSTOMER' and (u.contact_id = :contact or (:email <> '' and lower(u.email) = :email)))
						""")
			.param("contact", person.contactId() == null ? -1L : person.contactId())
			.param("email", person.email() == null ? "" : person.email())
			.update();
	}

}
