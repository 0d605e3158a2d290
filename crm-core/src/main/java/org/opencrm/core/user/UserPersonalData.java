package org.opencrm.core.user;

import java.util.List;
import java.util.Map;
import org.opencrm.core.port.DataSubject;
import org.opencrm.core.port.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The person's portal sign-in. On erasure it is anonymised rather than deleted (the
 * tickets and messages it wrote keep pointing at a user), disabled for good, and its
 * sign-in throttle rows go.
 */
@Component
class UserPersonalData implements PersonalData {

	private static final String THEIRS = """
			role = 'CUSTOMER' and (contact_id = :contact or (:email <> '' and lower(email) = :email))
			""";

	private final JdbcClient jdbc;

	UserPersonalData(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Map<String, List<Map<String, Object>>> export(DataSubject person) {
		return Map.of("portalUser",
				PersonalData.plain(jdbc
					.sql("select username, full_name, email, enabled, locale, created_at from users where " + THEIRS)
					.param("contact", person.contactId() == null ? -1L : person.contactId())
					.param("email", person.email() == null ? "" : person.email())
					.query()
					.listOfRows()));
	}

	@Override
	public void erase(DataSubject person) {
		List<String> usernames = jdbc.sql("select username from users where " + THEIRS)
			.param("contact", person.contactId() == null ? -1L : person.contactId())
			.param("email", person.email() == null ? "" : person.email())
			.query(String.class)
			.list();
		if (!usernames.isEmpty()) {
			jdbc.sql("delete from login_throttle where lower(throttle_key) like any(:keys)")
				.param("keys", usernames.stream().map(u -> "%" + u.toLowerCase() + "%").toArray(String[]::new))
				.update();
		}
		jdbc.sql("delete from login_throttle where throttle_key ilike any(?)")
			.param(person.mentions().toArray(String[]::new))
			.update();
		// "!" is no password hash: nothing signs in with it.
		jdbc.sql("""
				update users set username = 'erased-' || id, full_name = 'Erased', email = null, contact_id = null,
				       enabled = false, password_hash = '!', locale = null, version = version + 1, updated_at = now()
				where
				""" + THEIRS)
			.param("contact", person.contactId() == null ? -1L : person.contactId())
			.param("email", person.email() == null ? "" : person.email())
			.update();
	}

}
