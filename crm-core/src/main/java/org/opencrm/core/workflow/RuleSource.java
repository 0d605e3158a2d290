package org.opencrm.core.workflow;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;

/** The enabled rules the engine runs, read with SQL (one statement per event). */
@Component
class RuleSource {

	private static final String SELECT = """
			select id, name, record_type, trigger_kind, trigger_field, trigger_from, trigger_to, idle_days,
			       conditions::text, actions::text, webhook_secret
			from workflow_rules
			""";

	private final JdbcClient jdbc;

	RuleSource(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Enabled rules of a record type with one of the triggers, by id. */
	List<RuleSpec> enabled(String recordType, List<TriggerKind> triggers) {
		return jdbc.sql(SELECT + " where enabled and record_type = ? and trigger_kind = any(?) order by id")
			.params(recordType, new SqlArrayValue("varchar", triggers.stream().map(Enum::name).toArray()))
			.query(RuleSource::spec)
			.list();
	}

	/** Every enabled rule the scheduler sets off (idle, overdue). */
	List<RuleSpec> idleRules() {
		return jdbc.sql(SELECT + " where enabled and trigger_kind in ('IDLE', 'OVERDUE') order by id")
			.query(RuleSource::spec)
			.list();
	}

	private static RuleSpec spec(ResultSet rs, int n) throws SQLException {
		return new RuleSpec(rs.getLong(1), rs.getString(2), rs.getString(3), TriggerKind.valueOf(rs.getString(4)),
				rs.getString(5), rs.getString(6), rs.getString(7), (Integer) rs.getObject(8),
				RuleJson.conditions(rs.getString(9)), RuleJson.actions(rs.getString(10)), rs.getString(11));
	}

}
