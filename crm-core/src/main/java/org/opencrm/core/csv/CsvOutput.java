package org.opencrm.core.csv;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.Writer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes CSV as RFC 4180 says (Commons CSV: commas, CRLF, a field quoted when it needs to
 * be, quotes doubled). Text cells a spreadsheet would run as a formula (starting with = +
 * - @, tab or CR) get a leading apostrophe first, so an account named
 * {@code =HYPERLINK(...)} stays text (CSV injection); numbers are written as they are.
 */
public final class CsvOutput implements Flushable, Closeable {

	private final CSVPrinter printer;

	public CsvOutput(Writer out) {
		try {
			this.printer = new CSVPrinter(out, CSVFormat.RFC4180);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A text cell, guarded; null as empty. */
	public CsvOutput text(String value) throws IOException {
		printer.print(value == null ? null : guard(value));
		return this;
	}

	/** A number (or anything else not to guard), as it is; null as empty. */
	public CsvOutput number(String value) throws IOException {
		printer.print(value);
		return this;
	}

	/** Ends the record. */
	public void endRow() throws IOException {
		printer.println();
	}

	public static String guard(String text) {
		if (text.isEmpty()) {
			return text;
		}
		char first = text.charAt(0);
		return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
				? "'" + text : text;
	}

	@Override
	public void flush() throws IOException {
		printer.flush();
	}

	@Override
	public void close() throws IOException {
		printer.close();
	}

}
