package org.opencrm.core.shared;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** Small helpers for hand-written row mappers. */
public final class Rows {

	private Rows() {
	}

	public static List<String> textArray(ResultSet rs, String column) throws SQLException {
		Array array = rs.getArray(column);
		return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
	}

	public static Long longOrNull(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, Long.class);
	}

	public static Instant instantOrNull(ResultSet rs, String column) throws SQLException {
		var ts = rs.getTimestamp(column);
		return ts == null ? null : ts.toInstant();
	}

}
