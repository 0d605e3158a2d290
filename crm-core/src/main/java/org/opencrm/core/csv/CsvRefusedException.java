package org.opencrm.core.csv;

import org.opencrm.core.shared.RuleViolationException;

/**
 * A file that is not CSV we can read: empty, binary, or with a line over the limit. The
 * code is a message key ({@code csv.empty}, {@code csv.binary}, {@code csv.lineTooLong}
 * with the line number and the limit in KB).
 */
public class CsvRefusedException extends RuleViolationException {

	public CsvRefusedException(String code, String defaultMessage, Object... args) {
		super(code, defaultMessage, args);
	}

	static CsvRefusedException lineTooLong(long line, int maxChars) {
		return new CsvRefusedException("csv.lineTooLong",
				"Line " + line + " is longer than " + (maxChars / 1024) + " KB; is this a CSV file?", line,
				maxChars / 1024);
	}

}
