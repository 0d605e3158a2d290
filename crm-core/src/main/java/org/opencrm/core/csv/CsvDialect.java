package org.opencrm.core.csv;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.apache.commons.csv.CSVFormat;

/**
 * How a file is written: its character set, whether it starts with a byte order mark
 * (UTF-8's three bytes, or UTF-16's two, which also tell its byte order), and the
 * delimiter between fields.
 */
public record CsvDialect(Charset charset, boolean bom, char delimiter) {

	public static final byte[] UTF8_BOM = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

	/** UTF-16LE or UTF-16BE when two bytes are that byte order mark, else null. */
	static Charset utf16Of(byte first, byte second) {
		if (first == (byte) 0xFF && second == (byte) 0xFE) {
			return StandardCharsets.UTF_16LE;
		}
		if (first == (byte) 0xFE && second == (byte) 0xFF) {
			return StandardCharsets.UTF_16BE;
		}
		return null;
	}

	/** The byte order mark's length in bytes; 0 without one. */
	public int bomLength() {
		if (!bom) {
			return 0;
		}
		return charset.equals(StandardCharsets.UTF_16LE) || charset.equals(StandardCharsets.UTF_16BE) ? 2
				: UTF8_BOM.length;
	}

	/**
	 * Text already decoded (a form field, a string): its delimiter from the first line.
	 */
	public static CsvDialect ofText(String text) {
		String header = text.lines().findFirst().orElse("");
		return new CsvDialect(StandardCharsets.UTF_8, false, sniffDelimiter(header));
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
