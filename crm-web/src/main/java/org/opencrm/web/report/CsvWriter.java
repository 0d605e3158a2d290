package org.opencrm.web.report;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes CSV as RFC 4180 says: fields separated by commas, records ended by CRLF, a field
 * quoted when it holds a comma, a quote, CR or LF, and quotes inside doubled. Text cells
 * a spreadsheet would run as a formula (starting with = + - @, tab or CR) get a leading
 * apostrophe first, so an account named {@code =HYPERLINK(...)} stays text (CSV
 * injection); numbers are written as they are.
 */
public final class CsvWriter {

	private final Writer out;

	public CsvWriter(Writer out) {
		this.out = out;
	}

	/**
	 * One record; each cell is either text (guarded) or a number (written as is), null as
	 * empty.
	 */
	public void row(List<Cell> cells) throws IOException {
		for (int i = 0; i < cells.size(); i++) {
			if (i > 0) {
				out.write(',');
			}
			Cell c = cells.get(i);
			if (c.value() != null) {
				out.write(c.number() ? c.value() : field(guard(c.value())));
			}
		}
		out.write("\r\n");
	}

	public record Cell(String value, boolean number) {

		public static Cell text(String value) {
			return new Cell(value, false);
		}

		public static Cell number(String value) {
			return new Cell(value, true);
		}
	}

	static String guard(String text) {
		if (text.isEmpty()) {
			return text;
		}
		char first = text.charAt(0);
		return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
				? "'" + text : text;
	}

	static String field(String text) {
		boolean quote = false;
		for (int i = 0; i < text.length() && !quote; i++) {
			char c = text.charAt(i);
			quote = c == ',' || c == '"' || c == '\r' || c == '\n';
		}
		return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
	}

}
