package org.opencrm.core.shared;

/**
 * A list's sort column for keyset pagination: the cursor condition and ORDER BY that walk
 * the index {@code (column, id)} forwards for "next" and backwards for "previous".
 */
public record KeysetSort(String column, boolean timestamp, boolean ascending) {

	public static KeysetSort text(String column) {
		return new KeysetSort(column, false, true);
	}

	public static KeysetSort newestFirst(String column) {
		return new KeysetSort(column, true, false);
	}

	public static KeysetSort oldestFirst(String column) {
		return new KeysetSort(column, true, true);
	}

	/**
	 * The sort value as text, selected into each row so the next cursor can be built from
	 * it.
	 */
	public String keyExpression() {
		return timestamp ? "to_char(" + column + " at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US')" : column;
	}

	/**
	 * Adds the "after the cursor" condition to {@code where} and returns the ORDER BY
	 * clause.
	 */
	public String orderBy(SqlWhere where, Keyset.Cursor cursor, String idColumn) {
		boolean asc = ascending == (cursor == null || cursor.forward());
		if (cursor != null) {
			String value = timestamp ? "(cast(:cursorValue as timestamp) at time zone 'UTC')" : ":cursorValue";
			where.and("(" + column + ", " + idColumn + ") " + (asc ? ">" : "<") + " (" + value + ", :cursorId)")
				.param("cursorValue", timestamp ? cursor.timestampValue().toString() : cursor.sortValue())
				.param("cursorId", cursor.id());
		}
		String dir = asc ? " asc" : " desc";
		return " order by " + column + dir + ", " + idColumn + dir;
	}
}
