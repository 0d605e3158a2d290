package org.opencrm.core.user;

import java.util.Map;
import org.opencrm.core.port.RecordMerge;
import org.opencrm.core.shared.RuleViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A merged person's portal sign-in becomes the survivor's. A person has one sign-in: when
 * both have one, the merge is refused (someone must first decide which login the customer
 * keeps), rather than silently taking one away.
 */
@Component
class PortalLoginMerge implements RecordMerge {

	private final JdbcClient jdbc;

	PortalLoginMerge(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void moveContact(long from, long to) {
		long both = jdbc.sql("select count(distinct contact_id) from users where contact_id in (?, ?)")
			.params(from, to)
			.query(Long.class)
			.single();
		if (both == 2) {
			throw new RuleViolationException("merge.portalLogins",
					"Both people have a portal sign-in; disable one (Users) before merging them.");
		}
		jdbc.sql("update users set contact_id = ?, version = version + 1, updated_at = now() where contact_id = ?")
			.params(to, from)
			.update();
	}

	@Override
	public Map<String, Long> countContact(long contactId) {
		return Map.of("portalLogins",
				RecordMerge.count(jdbc, "select count(*) from users where contact_id = ?", contactId));
	}

}
