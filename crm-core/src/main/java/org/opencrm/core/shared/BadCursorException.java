package org.opencrm.core.shared;

/**
 * A paging cursor that this application did not issue (edited, truncated or forged). The
 * web layer answers it with 400 in one place, instead of the query failing on the
 * database.
 */
public class BadCursorException extends RuntimeException {

	public BadCursorException() {
		super("The paging cursor is not valid.");
	}

}
