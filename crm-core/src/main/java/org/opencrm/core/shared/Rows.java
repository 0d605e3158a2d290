package org.opencrm.core.shared;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.RowMapper;

/** Small helpers for hand-written row mappers. */
public final class Rows {

	private Rows() {
	}

	/**
	 * Maps each row to {@code type}, a record, as {@code JdbcClient.query(type)} does but
	 * without a driver exception per column and row ({@link RecordRowMapper}). One per
	 * statement: {@code .query(Rows.of(Touch.class))}.
	 */
	public static <T extends Record> RowMapper<T> of(Class<T> type) {
		return new RecordRowMapper<>(type);
	}

	public static List<String> textArray(ResultSet rs, String column) throws SQLException {
		Array array = rs.getArray(column);
		return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
	}

	public static Long longOrNull(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, Long.class);
	}

	public static Instant instantOrNull(ResultSet rs, String column) throws SQLException {
		return instantOrNull(rs, rs.findColumn(column));
	}

	/**
	 * The column's instant, read as a timestamp: pgjdbc refuses
	 * {@code getObject(column, Instant.class)} with an exception.
	 */
	public static Instant instantOrNull(ResultSet rs, int column) throws SQLException {
		var ts = rs.getTimestamp(column);
		return ts == null ? null : ts.toInstant();
	}

}
