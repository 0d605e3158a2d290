package org.opencrm.core.shared;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * Cursor handling for keyset pagination. A cursor is the sort value and id of a boundary row,
 * URL-safe Base64 encoded, with a direction: "n" (rows after it) or "p" (rows before it).
 */
public final class Keyset {

	private Keyset() {
	}

	/** A decoded cursor; {@code forward} is false when the user asked for the previous page. */
	public record Cursor(String sortValue, long id, boolean forward) {
	}

	public static String encode(String sortValue, long id, boolean forward) {
		String raw = (forward ? "n" : "p") + ":" + id + ":" + sortValue;
		return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
	}

	/** Returns null for a missing or malformed cursor, which means "first page". */
	public static Cursor decode(String cursor) {
		if (cursor == null || cursor.isBlank()) {
			return null;
		}
		try {
			String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
			String[] parts = raw.split(":", 3);
			if (parts.length != 3 || !(parts[0].equals("n") || parts[0].equals("p"))) {
				return null;
			}
			return new Cursor(parts[2], Long.parseLong(parts[1]), parts[0].equals("n"));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/** Whether a cursor's sort value is a timestamp as {@link KeysetSort#keyExpression()} writes it. */
	public static boolean isTimestamp(String sortValue) {
		try {
			LocalDateTime.parse(sortValue);
			return true;
		}
		catch (DateTimeException ex) {
			return false;
		}
	}

	/** Whether a cursor's sort value is a day ({@code 2026-12-06}). */
	public static boolean isDay(String sortValue) {
		try {
			LocalDate.parse(sortValue);
			return true;
		}
		catch (DateTimeException ex) {
			return false;
		}
	}

	/**
	 * Turns rows fetched with one row of look-ahead ({@code pageSize + 1}) into a page. Rows fetched
	 * backwards (for "previous") arrive in reverse order and are flipped here.
	 */
	public static <T> KeysetPage<T> page(List<T> fetched, int pageSize, Cursor cursor, Function<T, String> sortValue,
			Function<T, Long> id, CappedCount total) {
		boolean more = fetched.size() > pageSize;
		List<T> rows = new ArrayList<>(more ? fetched.subList(0, pageSize) : fetched);
		boolean forward = cursor == null || cursor.forward();
		if (!forward) {
			Collections.reverse(rows);
		}
		if (rows.isEmpty()) {
			return new KeysetPage<>(rows, null, null, total);
		}
		T first = rows.get(0);
		T last = rows.get(rows.size() - 1);
		boolean hasNext = forward ? more : true;
		boolean hasPrevious = forward ? cursor != null : more;
		return new KeysetPage<>(rows, hasNext ? encode(sortValue.apply(last), id.apply(last), true) : null,
				hasPrevious ? encode(sortValue.apply(first), id.apply(first), false) : null, total);
	}
}
