package org.opencrm.core.report;

/**
 * One column of a report: its key (the message {@code report.column.<key>} labels it, so
 * columns such as {@code owner} or {@code currency} share one label across reports) and
 * its type.
 */
public record ReportColumn(String key, ColumnType type) {

	public ReportColumn {
		if (key == null || !key.matches("[a-zA-Z][a-zA-Z0-9]*")) {
			throw new IllegalArgumentException("column key must be a word: " + key);
		}
	}

	public static ReportColumn text(String key) {
		return new ReportColumn(key, ColumnType.TEXT);
	}

	public static ReportColumn integer(String key) {
		return new ReportColumn(key, ColumnType.INTEGER);
	}

	public static ReportColumn money(String key) {
		return new ReportColumn(key, ColumnType.MONEY);
	}

	public static ReportColumn decimal(String key) {
		return new ReportColumn(key, ColumnType.DECIMAL);
	}

	public static ReportColumn date(String key) {
		return new ReportColumn(key, ColumnType.DATE);
	}

	public static ReportColumn percent(String key) {
		return new ReportColumn(key, ColumnType.PERCENT);
	}

	public static ReportColumn duration(String key) {
		return new ReportColumn(key, ColumnType.DURATION);
	}

	public String labelCode() {
		return "report.column." + key;
	}
}
