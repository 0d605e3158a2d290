package org.opencrm.web.report;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.opencrm.core.csv.CsvOutput;

/**
 * A report's CSV rows, each cell text (guarded against formulas) or a number, written by
 * core's {@link CsvOutput} (Commons CSV, RFC 4180).
 */
public final class CsvWriter {

	private final CsvOutput out;

	public CsvWriter(Writer out) {
		this.out = new CsvOutput(out);
	}

	/**
	 * One record; each cell is either text (guarded) or a number (written as is), null as
	 * empty.
	 */
	public void row(List<Cell> cells) throws IOException {
		for (Cell c : cells) {
			if (c.number()) {
				out.number(c.value());
			}
			else {
				out.text(c.value());
			}
		}
		out.endRow();
	}

	public record Cell(String value, boolean number) {

		private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

		public static Cell text(String value) {
			return new Cell(value, false);
		}

		public static Cell number(String value) {
			return new Cell(value, true);
		}

		/**
		 * A moment as a spreadsheet reads it in any language, {@code 2026-12-07 14:30},
		 * in {@code zone} (the reader's).
		 */
		public static Cell dateTime(Instant at, ZoneId zone) {
			return new Cell(at == null ? null : DATE_TIME.format(at.atZone(zone)), false);
		}
	}

}
