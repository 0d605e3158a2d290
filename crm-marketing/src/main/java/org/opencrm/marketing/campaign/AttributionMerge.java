package org.opencrm.marketing.campaign;

import java.util.Set;
import org.opencrm.core.port.RecordMerge;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Won revenue a campaign is credited with counts for the surviving company. Merged leads
 * count once in a campaign's funnel: the survivor's campaign, else the merged lead's (as
 * the surviving lead's campaign is chosen).
 */
@Component
class AttributionMerge implements RecordMerge {

	private final JdbcClient jdbc;

	AttributionMerge(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void moveLead(long from, long to, Set<String> taken) {
		jdbc.sql("""
				update campaign_leads set lead_id = ? where lead_id = ?
				and not exists (select 1 from campaign_leads where lead_id = ?)
				""").params(to, from, to).update();
		jdbc.sql("delete from campaign_leads where lead_id = ?").param(from).update();
	}

	@Override
	public void moveAccount(long from, long to) {
		jdbc.sql("update campaign_attributions set account_id = ? where account_id = ?").params(to, from).update();
	}

}
