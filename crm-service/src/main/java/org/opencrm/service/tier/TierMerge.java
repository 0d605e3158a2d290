package org.opencrm.service.tier;

import org.opencrm.core.port.RecordMerge;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A company has one service tier: the survivor keeps its own, or takes the merged
 * company's when it had none.
 */
@Component
class TierMerge implements RecordMerge {

	private final JdbcClient jdbc;

	TierMerge(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void moveAccount(long from, long to) {
		jdbc.sql("""
				update account_service_tiers set account_id = :to, version = version + 1, updated_at = now()
				where account_id = :from and not exists (select 1 from account_service_tiers t where t.account_id = :to)
				""").param("to", to).param("from", from).update();
		jdbc.sql("delete from account_service_tiers where account_id = ?").param(from).update();
	}

}
