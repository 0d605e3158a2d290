package org.opencrm.core.mail;

import java.util.List;
import java.util.Map;
import org.opencrm.core.port.DataSubject;
import org.opencrm.core.port.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The outbox's mail to the person (exported without bodies: what was sent when) and, on
 * erasure, every mail to them or mentioning them, sent or waiting: a mail about an erased
 * person is not to be sent any more.
 */
@Component
class MailPersonalData implements PersonalData {

	private final JdbcClient jdbc;

	MailPersonalData(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Map<String, List<Map<String, Object>>> export(DataSubject person) {
		if (person.email() == null) {
			return Map.of();
		}
		return Map.of("mailSent", PersonalData.plain(jdbc.sql("""
				select kind, purpose, to_address, subject, status, created_at, sent_at
				from mail_outbox where lower(to_address) = ? order by created_at, id
				""").param(person.email()).query().listOfRows()));
	}

	@Override
	public void erase(DataSubject person) {
		jdbc.sql("""
				delete from mail_outbox
				where lower(to_address) = :email
				   or to_address ilike any(:mentions) or subject ilike any(:mentions)
				   or text_body ilike any(:mentions) or html_body ilike any(:mentions) or headers ilike any(:mentions)
				""")
			.param("email", person.email() == null ? "" : person.email())
			.param("mentions", person.mentions().toArray(String[]::new))
			.update();
	}

}
