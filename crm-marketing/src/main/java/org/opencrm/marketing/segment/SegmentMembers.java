package org.opencrm.marketing.segment;

import java.util.List;

/**
 * A segment's current members, evaluated by PostgreSQL: campaigns and sequences insert
 * recipients with {@code insert into … select contact_id from (<sql>) m}, never by
 * loading contacts into memory.
 */
public interface SegmentMembers {

	/**
	 * A select returning one column, {@code contact_id}, one row per member; throws
	 * NotFoundException.
	 */
	MemberQuery query(long segmentId);

	/** SQL with positional {@code ?} parameters. */
	record MemberQuery(String sql, List<Object> params) {
	}

}
