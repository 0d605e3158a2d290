package org.opencrm.core.imports;

import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.RuleViolationException;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * A row (or log entry) a record's service refused: its batch is rolled back and run again
 * without it, the row rejected with the service's words.
 */
final class RowRefused extends RuntimeException {

	final long line;

	final ImportOutcome outcome;

	private RowRefused(long line, ImportOutcome outcome) {
		super(null, null, false, false);
		this.line = line;
		this.outcome = outcome;
	}

	static RowRefused of(long line, RuntimeException ex) {
		return new RowRefused(line, ImportOutcome.reject(null, key(ex), message(ex)));
	}

	private static String key(RuntimeException ex) {
		if (ex instanceof RuleViolationException rule) {
			return rule.code();
		}
		return ex instanceof NotFoundException ? "import.notFound" : "import.conflict";
	}

	private static String message(RuntimeException ex) {
		String m = ex instanceof DataIntegrityViolationException ? "The database refused the row." : ex.getMessage();
		return m == null ? ex.getClass().getSimpleName() : m;
	}

}
