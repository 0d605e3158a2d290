package org.opencrm.core.csv;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a CSV file record by record, streaming, with the line each record starts on.
 * Commons CSV parses the fields; this class decides where a record ends so that one
 * broken row can't take others with it: a quoted field may run over several lines only
 * when the lines it joins make exactly one record with the header's number of fields. An
 * unclosed quote (or a quote in the wrong place) therefore rejects its own line alone
 * ({@code csv.unclosedQuote} / {@code csv.badQuote}) and reading goes on with the next
 * line, where the whole file would otherwise have been swallowed into one field. A line
 * longer than the limit stops reading ({@link CsvRefusedException}); the upload check
 * ({@link CsvScan}) has refused such files already.
 */
public final class CsvRecords implements Closeable {

	/** How many lines one quoted field may span. */
	static final int MAX_SPAN = 100;

	private final Reader in;

	private final CSVFormat format;

	private final int maxLineChars;

	private final char[] buf = new char[16 * 1024];

	private final StringBuilder lineText = new StringBuilder();

	private final Deque<Line> lookahead = new ArrayDeque<>();

	private int pos;

	private int len;

	private long nextLine = 1;

	private boolean eof;

	private int expectedFields = -1;

	private record Line(long number, String text) {
	}

	private CsvRecords(Reader in, CsvDialect dialect, int maxLineChars) {
		this.in = in;
		this.format = dialect.format();
		this.maxLineChars = maxLineChars;
	}

	/** Reads a stream in its dialect, skipping a byte order mark. */
	public static CsvRecords open(InputStream bytes, CsvDialect dialect, int maxLineChars) throws IOException {
		bytes.skipNBytes(dialect.bomLength());
		return new CsvRecords(new InputStreamReader(bytes, dialect.charset()), dialect, maxLineChars);
	}

	public static CsvRecords open(Reader text, CsvDialect dialect, int maxLineChars) {
		return new CsvRecords(text, dialect, maxLineChars);
	}

	/**
	 * From now on a record spanning lines must have this many fields (the header's);
	 * single-line records may have fewer (the missing ones are empty).
	 */
	public void expectFields(int count) {
		this.expectedFields = count;
	}

	/** The next record (blank lines skipped), or null at the end of the file. */
	public CsvRow next() throws IOException {
		Line first;
		do {
			first = take();
			if (first == null) {
				return null;
			}
		}
		while (first.text().isBlank());
		if (first.text().indexOf('"') < 0) {
			return CsvRow.of(first.number(), parse(first.text()));
		}
		try {
			return CsvRow.of(first.number(), parse(first.text()));
		}
		catch (IOException ex) {
			if (!unfinishedQuote(ex)) {
				return CsvRow.broken(first.number(), "csv.badQuote", quoteColumn(first.text()), first.text());
			}
		}
		StringBuilder joined = new StringBuilder(first.text());
		for (int k = 0; k < MAX_SPAN && joined.length() <= maxLineChars; k++) {
			Line more = peek(k);
			if (more == null) {
				break;
			}
			joined.append('\n').append(more.text());
			try {
				List<String> fields = parse(joined.toString());
				if (fields == null || fields.size() != expectedFields) {
					break;
				}
				for (int i = 0; i <= k; i++) {
					lookahead.removeFirst();
				}
				return CsvRow.of(first.number(), fields);
			}
			catch (IOException ex) {
				if (!unfinishedQuote(ex)) {
					break;
				}
			}
		}
		return CsvRow.broken(first.number(), "csv.unclosedQuote", quoteColumn(first.text()), first.text());
	}

	/** One record's fields, or null when the text holds more than one record. */
	private List<String> parse(String text) throws IOException {
		try (CSVParser parser = CSVParser.parse(text, format)) {
			Iterator<CSVRecord> records = parser.iterator();
			if (!records.hasNext()) {
				return List.of("");
			}
			CSVRecord record = records.next();
			return records.hasNext() ? null : record.toList();
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
	}

	private static boolean unfinishedQuote(IOException ex) {
		return String.valueOf(ex.getMessage()).contains("EOF reached before encapsulated token finished");
	}

	/** The 1-based column whose field opens a quote (for the message). */
	private int quoteColumn(String text) {
		char delimiter = format.getDelimiterString().charAt(0);
		int column = 1;
		boolean quoted = false;
		int opened = 1;
		boolean fieldStart = true;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (quoted) {
				if (c == '"') {
					quoted = false;
				}
			}
			else if (c == '"' && fieldStart) {
				quoted = true;
				opened = column;
			}
			else if (c == delimiter) {
				column++;
				fieldStart = true;
				continue;
			}
			fieldStart = false;
		}
		return opened;
	}

	private Line take() throws IOException {
		return lookahead.isEmpty() ? readLine() : lookahead.removeFirst();
	}

	private Line peek(int k) throws IOException {
		while (lookahead.size() <= k) {
			Line l = readLine();
			if (l == null) {
				return null;
			}
			lookahead.addLast(l);
		}
		return lookahead.stream().skip(k).findFirst().orElseThrow();
	}

	private Line readLine() throws IOException {
		if (eof) {
			return null;
		}
		lineText.setLength(0);
		while (true) {
			if (pos == len) {
				len = in.read(buf);
				pos = 0;
				if (len <= 0) {
					len = 0;
					eof = true;
					if (lineText.isEmpty()) {
						return null;
					}
					return line();
				}
			}
			int start = pos;
			while (pos < len && buf[pos] != '\n') {
				pos++;
			}
			lineText.append(buf, start, pos - start);
			if (lineText.length() > maxLineChars) {
				throw CsvRefusedException.lineTooLong(nextLine, maxLineChars);
			}
			if (pos < len) {
				pos++;
				return line();
			}
		}
	}

	private Line line() {
		int end = lineText.length();
		if (end > 0 && lineText.charAt(end - 1) == '\r') {
			end--;
		}
		int start = nextLine == 1 && end > 0 && lineText.charAt(0) == '\uFEFF' ? 1 : 0;
		return new Line(nextLine++, lineText.substring(start, end));
	}

	@Override
	public void close() throws IOException {
		in.close();
	}

}
