package org.opencrm.core.report;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;

/**
 * What a report column holds, and so how a row value is read from SQL and shown. Values
 * are {@code String} (TEXT), {@code Long} (INTEGER), {@code BigDecimal} (MONEY, DECIMAL,
 * PERCENT — a percentage as 0–100), {@code LocalDate} (DATE) and {@code Duration}
 * (DURATION, selected in SQL as a number of seconds); any of them may be null.
 */
public enum ColumnType {

	TEXT, INTEGER, MONEY, DECIMAL, DATE, PERCENT, DURATION;

	/** Whether the value is a number (right-aligned, written unquoted in CSV). */
	public boolean numeric() {
		return this != TEXT && this != DATE;
	}

	Object read(ResultSet rs, int index) throws SQLException {
		return switch (this) {
			case TEXT -> rs.getString(index);
			case INTEGER -> {
				long v = rs.getLong(index);
				yield rs.wasNull() ? null : v;
			}
			case MONEY, DECIMAL, PERCENT -> rs.getBigDecimal(index);
			case DATE -> rs.getObject(index, LocalDate.class);
			case DURATION -> {
				BigDecimal seconds = rs.getBigDecimal(index);
				yield seconds == null ? null : Duration.ofSeconds(seconds.longValue());
			}
		};
	}

}
