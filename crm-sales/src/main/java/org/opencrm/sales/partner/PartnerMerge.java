package org.opencrm.sales.partner;

import java.util.Map;
import org.opencrm.core.port.RecordMerge;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A merged company that was a partner makes the survivor one (when it wasn't already,
 * with the merged one's type and date), first, so deals made through the partner can move
 * onto the survivor's partner record; the merged company's own partner record then goes
 * with it ({@link PartnerCustomerReferences}).
 */
@Component
@Order(0)
class PartnerMerge implements RecordMerge {

	private final JdbcClient jdbc;

	PartnerMerge(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void moveAccount(long from, long to) {
		jdbc.sql("""
				insert into partners (account_id, partner_type, since)
				select ?, partner_type, since from partners where account_id = ?
				on conflict (account_id) do nothing
				""").params(to, from).update();
	}

	@Override
	public Map<String, Long> countAccount(long accountId) {
		return Map.of("partner",
				RecordMerge.count(jdbc, "select count(*) from partners where account_id = ?", accountId));
	}

}
