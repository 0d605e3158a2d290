package org.opencrm.marketing.send;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencrm.core.port.DataSubject;
import org.opencrm.core.port.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Campaign and sequence mail sent to the person, with its tracking (opened, clicked,
 * unsubscribed). On erasure a send stays for its campaign's results but no longer says to
 * whom (one waiting is failed: its mail is gone from the outbox); a suppression keeps
 * only the address's SHA-256 ({@code suppression_keys}), so the person stays unsubscribed
 * if they come back.
 */
@Component
class SendPersonalData implements PersonalData {

	private static final String THEIRS = "(contact_id = :contact or (:email <> '' and lower(email) = :email))";

	private final JdbcClient jdbc;

	SendPersonalData(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Map<String, List<Map<String, Object>>> export(DataSubject person) {
		Map<String, List<Map<String, Object>>> parts = new LinkedHashMap<>();
		parts.put("marketingSends", PersonalData.plain(jdbc
			.sql("""
					select s.email, c.name as campaign, s.step_position, s.status, s.sent_at, s.opened_at, s.clicked_at,
					       s.unsubscribed_at
					from email_sends s left join campaigns c on c.id = s.campaign_id
					where
					""" + THEIRS.replace("contact_id", "s.contact_id").replace("lower(email)", "lower(s.email)")
					+ " order by s.created_at, s.id")
			.param("contact", person.contactId() == null ? -1L : person.contactId())
			.param("email", person.email() == null ? "" : person.email())
			.query()
			.listOfRows()));
		parts.put("suppressions",
				PersonalData.plain(jdbc.sql("select email, reason, created_at from email_suppressions where email = ?")
					.param(person.email() == null ? "" : person.email())
					.query()
					.listOfRows()));
		return parts;
	}

	@Override
	public void erase(DataSubject person) {
		jdbc.sql("""
				update email_sends
				set email = 'erased-' || id || '@invalid', contact_id = null, last_error = null,
				    status = case when status in ('PENDING', 'UNKNOWN') then 'FAILED' else status end,
				    permanent = permanent or status in ('PENDING', 'UNKNOWN'), updated_at = now()
				where
				""" + THEIRS)
			.param("contact", person.contactId() == null ? -1L : person.contactId())
			.param("email", person.email() == null ? "" : person.email())
			.update();
		if (person.email() != null) {
			jdbc.sql("""
					insert into email_suppressions (email, reason, created_at)
					select (suppression_keys(email))[2], reason, created_at from email_suppressions where email = ?
					on conflict do nothing
					""").param(person.email()).update();
			jdbc.sql("delete from email_suppressions where email = ?").param(person.email()).update();
		}
	}

}
