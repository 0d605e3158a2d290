package org.opencrm.core.account;

import static org.opencrm.core.shared.Rows.longOrNull;
import static org.opencrm.core.shared.Rows.textArray;

import org.opencrm.core.shared.LifecycleStage;
import org.springframework.jdbc.core.RowMapper;

final class AccountMappers {

	private AccountMappers() {
	}

	static final RowMapper<AccountDetails> DETAILS = (rs, n) -> new AccountDetails(rs.getLong("id"),
			rs.getString("name"), rs.getString("domain"), rs.getString("industry"), rs.getString("phone"),
			rs.getString("email"), rs.getString("website"), rs.getString("street"), rs.getString("city"),
			rs.getString("postal_code"), rs.getString("country"),
			LifecycleStage.valueOf(rs.getString("lifecycle_stage")), longOrNull(rs, "owner_id"),
			rs.getString("owner_name"), textArray(rs, "tags"), longOrNull(rs, "contact_count"), rs.getLong("version"),
			rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
			rs.getString("external_id"), longOrNull(rs, "contacts_moved"));

}
