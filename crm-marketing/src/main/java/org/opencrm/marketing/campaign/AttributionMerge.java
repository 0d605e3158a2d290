package org.opencrm.marketing.campaign;

import org.opencrm.core.port.RecordMerge;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Won revenue a campaign is credited with counts for the surviving company. */
@Component
class AttributionMerge implements RecordMerge {

	private final JdbcClient jdbc;

	AttributionMerge(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void moveAccount(long from, long to) {
		jdbc.sql("update campaign_attributions set account_id = ? where account_id = ?").params(to, from).update();
	}

}
