package org.opencrm.core.dedupe;

import org.opencrm.core.shared.SqlWhere;
import org.opencrm.core.user.Visibility;

/**
 * A record type the duplicate finder compares whose table another module owns (sales'
 * leads): core keeps the pairs ({@code duplicate_candidates}), the scan's lease and the
 * review list; the module answers with SQL over its own tables, which core runs inside
 * its statements (one insert per batch, one select per page), and keeps its own "not a
 * duplicate" list.
 */
public interface DuplicateSource {

	RecordType type();

	/** The table the scan walks by {@code id}. */
	String table();

	/**
	 * A select of {@code low, high, reason, score} (the smaller id as {@code low}; a pair
	 * may come once per reason) for the records whose ids are {@code :ids}, at most
	 * {@code :perRecord} matches per record and reason, names similar from
	 * {@code :similarity} (also the session's {@code pg_trgm.similarity_threshold}), and
	 * without the pairs dismissed as "not a duplicate".
	 */
	String pairs();

	/**
	 * The review's joins after {@code duplicate_candidates dc}: the two records as
	 * {@code l} (low) and {@code h} (high).
	 */
	String joins();

	/**
	 * The review's columns for {@link DuplicatePair}: {@code low_name, low_detail,
	 * low_version, high_name, high_detail, high_version}.
	 */
	String columns();

	/**
	 * Keeps the pairs whose two records the user may see and that may still be merged.
	 */
	void restrict(SqlWhere where, Visibility visibility);

	/** "Not a duplicate": remembered, so the scan doesn't offer the pair again. */
	void dismiss(long lowId, long highId);

}
