package org.opencrm.core.view;

import java.util.List;

/**
 * One saved view of a list as the views menu shows it.
 *
 * @param filterQuery the list's filter parameters as a URL query string, without the
 * leading {@code ?}
 * @param columns the visible columns in order; empty for the list's default set
 */
public record SavedView(long id, long ownerId, String ownerName, String listKind, String name, boolean shared,
		String filterQuery, List<String> columns, String sort, long version) {

	public SavedView {
		columns = columns == null ? List.of() : List.copyOf(columns);
	}

	/** Whether {@code userId} (an admin: always) may change or delete the view. */
	public boolean editableBy(long userId, boolean admin) {
		return admin || ownerId == userId;
	}
}
