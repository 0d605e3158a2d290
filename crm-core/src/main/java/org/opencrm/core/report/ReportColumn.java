package org.opencrm.core.report;

/**
 * One column of a report: its key (the message {@code report.column.<key>} labels it, so
 * columns such as {@code owner} or {@code currency} share one label across reports), its
 * type and, for a column of codes (a lifecycle stage, a ticket status), the message
 * prefix that turns a code into its label on the page ({@code stage.} + {@code LEAD} →
 * "Lead"); CSV keeps the codes.
 */
public record ReportColumn(String key, ColumnType type, String labelPrefix) {

	public ReportColumn {
		if (key == null || !key.matches("[a-zA-Z][a-zA-Z0-9]*")) {
			throw new IllegalArgumentException("column key must be a word: " + key);
		}
	}

	public ReportColumn(String key, ColumnType type) {
		this(key, type, null);
	}

	/** A text column of codes, shown as the messages {@code labelPrefix + code}. */
	public static ReportColumn code(String key, String labelPrefix) {
		return new ReportColumn(key, ColumnType.TEXT, labelPrefix);
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
