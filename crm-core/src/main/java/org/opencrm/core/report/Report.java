package org.opencrm.core.report;

import org.opencrm.core.user.Visibility;

/**
 * A report a module offers: declare it as a Spring bean and crm-web lists it on
 * {@code /reports}, shows it at {@code /reports/{key}} and exports it at
 * {@code /reports/{key}.csv}. What it is (key, filters, columns, roles, totals) is its
 * {@link ReportDefinition}; its figures are computed in SQL and pushed to a
 * {@link RowHandler} one row at a time from a database cursor ({@link ReportQuery} does
 * that), so an export of any size never holds all rows in memory. Texts are message
 * codes: {@code report.<key>.title}, {@code report.<key>.description} and
 * {@code report.column.<column key>}.
 */
public interface Report {

	/** What this report is; the same instance on every call. */
	ReportDefinition definition();

	/**
	 * Pushes the rows matching the filter (its dates already filled in) that the viewer
	 * may see, with the definition's columns in order. Called inside a read-only
	 * transaction; must not collect the rows in a list.
	 */
	void stream(ReportFilter filter, Visibility visibility, RowHandler rows);

}
