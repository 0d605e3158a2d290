package org.opencrm.core.account;

import org.opencrm.core.shared.Actor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** "Not a duplicate" for two companies: the duplicate finder leaves the pair alone. */
@Service
public class AccountDuplicates {

	private final JdbcClient jdbc;

	AccountDuplicates(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional
	public void dismissPair(long a, long b) {
		jdbc.sql("""
				insert into account_duplicate_dismissals (account_low, account_high, dismissed_by)
				values (least(:a, :b), greatest(:a, :b), :by) on conflict do nothing
				""").param("a", a).param("b", b).param("by", Actor.currentIdOrNull()).update();
	}

}
