package org.opencrm.core.workflow;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The run log: a rule's runs newest first (keyset by id), and a record's latest runs (its
 * page's "Automation" section). One statement each, on the log's indexes.
 */
@Service
public class WorkflowRuns {

	private static final String SELECT = """
			select w.id, w.rule_id, r.name, w.record_type, w.record_id, w.status, w.depth, w.detail, w.created_at
			from workflow_runs w join workflow_rules r on r.id = w.rule_id
			""";

	private final JdbcClient jdbc;

	WorkflowRuns(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A rule's runs with ids below {@code beforeId} (null: the newest), at most
	 * {@code limit}.
	 */
	@Transactional(readOnly = true)
	public List<RunRow> forRule(long ruleId, Long beforeId, int limit) {
		return jdbc.sql(SELECT + " where w.rule_id = ? and w.id < ? order by w.id desc limit ?")
			.params(ruleId, beforeId == null ? Long.MAX_VALUE : beforeId, limit)
			.query(WorkflowRuns::row)
			.list();
	}

	/** The latest runs of any rule on one record. */
	@Transactional(readOnly = true)
	public List<RunRow> forRecord(String recordType, long recordId, int limit) {
		return jdbc.sql(SELECT + " where w.record_type = ? and w.record_id = ? order by w.id desc limit ?")
			.params(recordType, recordId, limit)
			.query(WorkflowRuns::row)
			.list();
	}

	private static RunRow row(ResultSet rs, int n) throws SQLException {
		return new RunRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getLong(5),
				rs.getString(6), rs.getInt(7), rs.getString(8), rs.getTimestamp(9).toInstant());
	}

}
