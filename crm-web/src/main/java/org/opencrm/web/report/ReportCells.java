package org.opencrm.web.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.opencrm.core.report.ColumnType;
import org.opencrm.core.report.ReportColumn;
import org.opencrm.core.report.ReportRow;
import org.opencrm.web.system.Formats;

/**
 * How report values look: on the page in the reader's language, grouped and rounded for
 * reading ({@link Formats}: "2,000.00" or "2.000,00", dates as the reader writes them,
 * durations as "1 d 4 h" in the reader's words); in CSV plain for a spreadsheet (no
 * grouping, ISO dates, durations in hours with two decimals), whoever reads.
 */
final class ReportCells {

	private ReportCells() {
	}

	/**
	 * A page cell as the reader sees it: its text (a code already named in the reader's
	 * language) and whether it is a number (right-aligned). Done here rather than per
	 * cell in the template: a report page renders up to 200 rows of them, and each
	 * expression there was most of the page's own CPU (JFR, bench/load).
	 */
	record Shown(String text, boolean number) {

	}

	static List<Shown> page(List<ReportColumn> columns, ReportRow row, Formats fmt) {
		List<Shown> cells = new ArrayList<>(columns.size());
		for (int i = 0; i < columns.size(); i++) {
			ReportColumn column = columns.get(i);
			Object value = row.get(i);
			String text = page(column.type(), value, fmt);
			if (column.labelPrefix() != null && value != null) {
				text = fmt.label(column.labelPrefix() + value, text);
			}
			cells.add(new Shown(text, column.type().numeric()));
		}
		return cells;
	}

	/** A MONEY column's currency is in a column of its own, or in the report's title. */
	static String page(ColumnType type, Object value, Formats fmt) {
		if (value == null) {
			return "";
		}
		return switch (type) {
			case TEXT -> value.toString();
			case DATE -> fmt.day((LocalDate) value);
			case INTEGER, DECIMAL -> fmt.number((Number) value);
			case MONEY -> fmt.money((BigDecimal) value, null);
			case PERCENT -> fmt.number(((BigDecimal) value).setScale(1, RoundingMode.HALF_UP)) + " %";
			case DURATION -> fmt.duration((Duration) value);
		};
	}

	static List<CsvWriter.Cell> csv(List<ReportColumn> columns, ReportRow row) {
		List<CsvWriter.Cell> cells = new ArrayList<>(columns.size());
		for (int i = 0; i < columns.size(); i++) {
			cells.add(csv(columns.get(i).type(), row.get(i)));
		}
		return cells;
	}

	static CsvWriter.Cell csv(ColumnType type, Object value) {
		if (value == null) {
			return CsvWriter.Cell.text(null);
		}
		return switch (type) {
			case TEXT, DATE -> CsvWriter.Cell.text(value.toString());
			case INTEGER -> CsvWriter.Cell.number(value.toString());
			case MONEY, DECIMAL, PERCENT -> CsvWriter.Cell.number(((BigDecimal) value).toPlainString());
			case DURATION -> CsvWriter.Cell.number(BigDecimal.valueOf(((Duration) value).toSeconds())
				.divide(BigDecimal.valueOf(3600), 2, RoundingMode.HALF_UP)
				.toPlainString());
		};
	}

}
