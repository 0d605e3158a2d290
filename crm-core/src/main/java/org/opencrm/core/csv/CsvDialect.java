package org.opencrm.core.csv;

import java.nio.charset.Charset;
import org.apache.commons.csv.CSVFormat;

/**
 * How a file is written: its character set, whether it starts with a UTF-8 byte order
 * mark, and the delimiter between fields.
 */
public record CsvDialect(Charset charset, boolean bom, char delimiter) {

	public static final byte[] UTF8_BOM = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

	/**
	 * Text already decoded (a form field, a string): its delimiter from the first line.
	 */
	public static CsvDialect ofText(String text) {
		String header = text.lines().findFirst().orElse("");
		return new CsvDialect(java.nio.charset.StandardCharsets.UTF_8, false, sniffDelimiter(header));
	}

	/**
	 * Commons CSV's default (RFC 4180 quoting, empty lines skipped) with this delimiter.
	 */
	public CSVFormat format() {
		return CSVFormat.DEFAULT.builder().setDelimiter(delimiter).get();
	}

	/** The delimiter as people name it: {@code ,} {@code ;} or {@code tab}. */
	public String delimiterName() {
		return delimiter == '\t' ? "tab" : String.valueOf(delimiter);
	}

	public static char delimiterOf(String name) {
		return "tab".equals(name) ? '\t' : name.charAt(0);
	}

	/**
	 * The delimiter of a header line: whichever of comma, semicolon and tab occurs most
	 * often outside quotes (a comma when none does).
	 */
	static char sniffDelimiter(String header) {
		int commas = 0;
		int semicolons = 0;
		int tabs = 0;
		boolean quoted = false;
		for (int i = 0; i < header.length(); i++) {
			char c = header.charAt(i);
			if (c == '"') {
				quoted = !quoted;
			}
			else if (!quoted) {
				commas += c == ',' ? 1 : 0;
				semicolons += c == ';' ? 1 : 0;
				tabs += c == '\t' ? 1 : 0;
			}
		}
		if (tabs > commas && tabs >= semicolons) {
			return '\t';
		}
		return semicolons > commas ? ';' : ',';
	}

}
