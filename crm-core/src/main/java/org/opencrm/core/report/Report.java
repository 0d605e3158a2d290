package org.opencrm.core.report;

import java.util.List;
import java.util.Set;
import org.opencrm.core.user.Role;
import org.opencrm.core.user.Visibility;

/**
 * A report a module offers: declare it as a Spring bean and crm-web lists it on {@code /reports},
 * shows it at {@code /reports/{key}} and exports it at {@code /reports/{key}.csv}. Its figures are
 * computed in SQL and pushed to a {@link RowHandler} one row at a time from a database cursor
 * ({@link ReportQuery} does that), so an export of any size never holds all rows in memory.
 * Texts are message codes: {@code report.<key>.title}, {@code report.<key>.description} and
 * {@code report.column.<column key>}.
 */
public interface Report {

	/** Unique, URL-safe (lower case words joined by '-'); also names the CSV file. */
	String key();

	default String titleCode() {
		return "report." + key() + ".title";
	}

	default String descriptionCode() {
		return "report." + key() + ".description";
	}

	/** The standard filters this report applies; the page offers only these. */
	Set<FilterField> filters();

	List<ReportColumn> columns();

	/** Who may run it; anyone else gets "not found". */
	Set<Role> roles();

	/**
	 * Whether the report ends with totals rows. A page then reads all rows to reach them, so only
	 * reports of grouped (few) rows should; row-per-record lists say false and a page stops early.
	 */
	default boolean hasTotals() {
		return false;
	}

	/**
	 * Pushes the rows matching the filter (its dates already filled in) that the viewer may see.
	 * Called inside a read-only transaction; must not collect the rows in a list.
	 */
	void stream(ReportFilter filter, Visibility visibility, RowHandler rows);
}
