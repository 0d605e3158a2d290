package org.opencrm.core.report;

import java.util.List;
import java.util.Set;
import org.opencrm.core.user.Role;

/**
 * What a {@link Report} is, apart from how it computes its rows: its key, the standard
 * filters it applies, its columns, who may run it and whether it ends with totals rows.
 * Immutable (the sets and the list are copied); a report holds one in a constant and
 * returns it from {@link Report#definition()}.
 *
 * @param key unique, URL-safe (lower case words joined by '-'); also names the CSV file
 * and the message codes {@code report.<key>.title} and {@code report.<key>.description}
 * @param filters the standard filters this report applies; the page offers only these
 * @param columns the columns, in the order the report's SQL selects them
 * @param roles who may run it; anyone else gets "not found"
 * @param totals whether the report ends with totals rows. A page then reads all rows to
 * reach them, so only reports of grouped (few) rows should; row-per-record lists say
 * false and a page stops early
 */
public record ReportDefinition(String key, Set<FilterField> filters, List<ReportColumn> columns, Set<Role> roles,
		boolean totals) {

	public ReportDefinition {
		if (key == null || !key.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
			throw new IllegalArgumentException("report key must be lower-case words joined by '-': " + key);
		}
		if (columns == null || columns.isEmpty()) {
			throw new IllegalArgumentException("report " + key + " has no columns");
		}
		filters = Set.copyOf(filters);
		columns = List.copyOf(columns);
		roles = Set.copyOf(roles);
	}

	/** Message code of the report's title. */
	public String titleCode() {
		return "report." + key + ".title";
	}

	/** Message code of the one-line description the report list shows. */
	public String descriptionCode() {
		return "report." + key + ".description";
	}

	/** Whether the page offers this filter. */
	public boolean offers(FilterField field) {
		return filters.contains(field);
	}

	/** Whether a user of this role may run it. */
	public boolean allows(Role role) {
		return roles.contains(role);
	}
}
