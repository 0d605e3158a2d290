package org.opencrm.core.view;

import java.util.List;

/**
 * What a user saves as a view: its name, whether it is shared, and the list's state (the
 * caller keeps only parameters the list knows). {@code version} is the one edited (0 on
 * create).
 */
public record SaveView(String listKind, String name, boolean shared, String filterQuery, List<String> columns,
		String sort, long version) {

	public SaveView {
		columns = columns == null ? List.of() : List.copyOf(columns);
		filterQuery = filterQuery == null ? "" : filterQuery;
	}
}
