package org.opencrm.service.csat;

import org.opencrm.core.port.RecordMerge;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Satisfaction surveys a merged customer answered count for the survivor. */
@Component
class SurveyMerge implements RecordMerge {

	private final JdbcClient jdbc;

	SurveyMerge(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void moveContact(long from, long to) {
		jdbc.sql(
				"update csat_surveys set contact_id = ?, version = version + 1, updated_at = now() where contact_id = ?")
			.params(to, from)
			.update();
	}

	@Override
	public void moveAccount(long from, long to) {
		jdbc.sql(
				"update csat_surveys set account_id = ?, version = version + 1, updated_at = now() where account_id = ?")
			.params(to, from)
			.update();
	}

}
