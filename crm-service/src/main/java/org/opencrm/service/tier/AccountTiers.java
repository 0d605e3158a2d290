package org.opencrm.service.tier;

import org.opencrm.core.access.AccountAccess;
import org.opencrm.core.user.Visibility;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The service tier of each account (STANDARD when none was set), kept in service's own
 * table.
 */
@Service
public class AccountTiers {

	private final JdbcClient jdbc;

	private final AccountAccess access;

	AccountTiers(JdbcClient jdbc, AccountAccess access) {
		this.jdbc = jdbc;
		this.access = access;
	}

	/**
	 * Sets the tier of an account {@code visibility} may see (else "not found", nothing
	 * set).
	 */
	@Transactional
	public void setTier(long accountId, ServiceTier tier, Visibility visibility) {
		access.requireAccount(accountId, visibility);
		jdbc.sql(
				"""
						insert into account_service_tiers (account_id, tier) values (?, ?)
						on conflict (account_id) do update set tier = excluded.tier, version = account_service_tiers.version + 1,
						  updated_at = now()
						""")
			.params(accountId, tier.name())
			.update();
	}

}
