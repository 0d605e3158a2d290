package org.opencrm.core.dedupe;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where merged-away records went: an old link to one (a bookmark, a mail, a notification)
 * leads to its survivor. A survivor merged later into another passes its merged records
 * on, so a link never needs two hops.
 */
@Service
public class MergedRecords {

	private final JdbcClient jdbc;

	MergedRecords(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The record {@code id} was merged into, if it was. */
	@Transactional(readOnly = true)
	public Optional<Long> survivorOf(RecordType type, long id) {
		return jdbc.sql("select survivor_id from merged_records where record_type = ? and merged_id = ?")
			.params(type.code(), id)
			.query(Long.class)
			.optional();
	}

	/** In the merge's transaction. */
	void record(RecordType type, long mergedId, long survivorId, Long by) {
		jdbc.sql("update merged_records set survivor_id = :to where record_type = :type and survivor_id = :from")
			.param("to", survivorId)
			.param("type", type.code())
			.param("from", mergedId)
			.update();
		jdbc.sql("""
				insert into merged_records (record_type, merged_id, survivor_id, merged_by) values (?, ?, ?, ?)
				on conflict (record_type, merged_id) do update set survivor_id = excluded.survivor_id
				""").params(type.code(), mergedId, survivorId, by).update();
	}

}
