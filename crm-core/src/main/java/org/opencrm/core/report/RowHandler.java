package org.opencrm.core.report;

/** Receives a report's rows one at a time, as they come off the database cursor. */
@FunctionalInterface
public interface RowHandler {

	/**
	 * @return false to stop reading (the query's cursor is closed; nothing more is
	 * fetched)
	 */
	boolean accept(ReportRow row);

}
