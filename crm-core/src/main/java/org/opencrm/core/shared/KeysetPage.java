package org.opencrm.core.shared;

import java.util.List;

/**
 * One page of a list walked by keyset: the cursors name the first and last row shown, so
 * the next and previous pages are index range scans, never OFFSET scans.
 */
public record KeysetPage<T>(List<T> items, String nextCursor, String previousCursor, CappedCount total) {

	public boolean hasNext() {
		return nextCursor != null;
	}

	public boolean hasPrevious() {
		return previousCursor != null;
	}

	public boolean isEmpty() {
		return items.isEmpty();
	}
}
