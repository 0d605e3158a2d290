package org.opencrm.core.shared;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Collects the conditions and named parameters of a list query's WHERE clause. */
public final class SqlWhere {

	private final List<String> conditions = new ArrayList<>();

	private final Map<String, Object> params = new LinkedHashMap<>();

	public SqlWhere and(String condition) {
		conditions.add(condition);
		return this;
	}

	public SqlWhere and(String condition, String name, Object value) {
		conditions.add(condition);
		params.put(name, value);
		return this;
	}

	public SqlWhere param(String name, Object value) {
		params.put(name, value);
		return this;
	}

	/** The named parameters collected so far (read-only view). */
	public Map<String, Object> params() {
		return java.util.Collections.unmodifiableMap(params);
	}

	public String sql() {
		return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
	}

	public JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec) {
		JdbcClient.StatementSpec s = spec;
		for (Map.Entry<String, Object> e : params.entrySet()) {
			s = s.param(e.getKey(), e.getValue());
		}
		return s;
	}

	/**
	 * Counts matching rows up to one past the cap, so a huge table is never counted in
	 * full.
	 */
	public CappedCount cappedCount(JdbcClient jdbc, String table) {
		return cappedCount(jdbc, table, CappedCount.CAP);
	}

	/**
	 * The same, up to one past {@code cap} (a heading's count:
	 * {@link CappedCount#HEADING_CAP}).
	 */
	public CappedCount cappedCount(JdbcClient jdbc, String table, int cap) {
		String sql = "select count(*) from (select 1 from " + table + sql() + " limit " + (cap + 1) + ") t";
		Long n = bind(jdbc.sql(sql)).query(Long.class).single();
		return CappedCount.of(n, cap);
	}

}
