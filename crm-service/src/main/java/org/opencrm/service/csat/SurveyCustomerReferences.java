package org.opencrm.service.csat;

import java.util.List;
import org.opencrm.core.port.CustomerReferences;
import org.opencrm.core.shared.RecordInUseException.Holder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A satisfaction answer counts for its ticket, queue and agent whoever gave it: it stays,
 * without the person or company.
 */
@Component
class SurveyCustomerReferences implements CustomerReferences {

	private final JdbcClient jdbc;

	SurveyCustomerReferences(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void releaseContact(long contactId) {
		jdbc.sql(
				"update csat_surveys set contact_id = null, version = version + 1, updated_at = now() where contact_id = ?")
			.param(contactId)
			.update();
	}

	@Override
	public void releaseAccount(long accountId) {
		jdbc.sql(
				"update csat_surveys set account_id = null, version = version + 1, updated_at = now() where account_id = ?")
			.param(accountId)
			.update();
	}

}
