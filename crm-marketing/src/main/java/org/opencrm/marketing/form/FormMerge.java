package org.opencrm.marketing.form;

import java.util.Map;
import org.opencrm.core.port.RecordMerge;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A merged person's web-form submissions are the survivor's. */
@Component
class FormMerge implements RecordMerge {

	private final JdbcClient jdbc;

	FormMerge(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void moveContact(long from, long to) {
		jdbc.sql("update form_submissions set contact_id = ? where contact_id = ?").params(to, from).update();
	}

	@Override
	public Map<String, Long> countContact(long contactId) {
		return Map.of("formSubmissions",
				RecordMerge.count(jdbc, "select count(*) from form_submissions where contact_id = ?", contactId));
	}

}
