package org.opencrm.core.dedupe;

import java.util.Set;
import org.opencrm.core.port.RecordMerge;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The finder's own part of a merge: the merged-away record's pairs go (the survivor's
 * stay; the next scan finds what the merged record's values now match).
 */
@Component
class CandidateMerge implements RecordMerge {

	private final JdbcClient jdbc;

	CandidateMerge(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void moveContact(long from, long to) {
		forget(RecordType.CONTACT, from);
	}

	@Override
	public void moveAccount(long from, long to) {
		forget(RecordType.ACCOUNT, from);
	}

	@Override
	public void moveLead(long from, long to, Set<String> taken) {
		forget(RecordType.LEAD, from);
	}

	private void forget(RecordType type, long id) {
		jdbc.sql("delete from duplicate_candidates where record_type = :type and (low_id = :id or high_id = :id)")
			.param("type", type.code())
			.param("id", id)
			.update();
	}

}
