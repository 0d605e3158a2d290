package org.opencrm.core.shared;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * Cursor handling for keyset pagination. A cursor is the sort value and id of a boundary
 * row, URL-safe Base64 encoded, with a direction: "n" (rows after it) or "p" (rows before
 * it).
 */
public final class Keyset {

	private Keyset() {
	}

	/**
	 * Longer sort values were not written by {@link #encode}: every sort key is a short
	 * column value.
	 */
	private static final int MAX_SORT_VALUE = 1000;

	/**
	 * A decoded cursor; {@code forward} is false when the user asked for the previous
	 * page. The typed accessors check the sort value before it reaches SQL, so a forged
	 * one is a 400, not a failed cast.
	 */
	public record Cursor(String sortValue, long id, boolean forward) {

		/**
		 * The sort value of a timestamp column as {@link KeysetSort#keyExpression()}
		 * writes it.
		 */
		public LocalDateTime timestampValue() {
			try {
				LocalDateTime value = LocalDateTime.parse(sortValue);
				checkYear(value.getYear());
				return value;
			}
			catch (DateTimeException ex) {
				throw new BadCursorException();
			}
		}

		public LocalDate dateValue() {
			try {
				LocalDate value = LocalDate.parse(sortValue);
				checkYear(value.getYear());
				return value;
			}
			catch (DateTimeException ex) {
				throw new BadCursorException();
			}
		}

		public Instant instantValue() {
			try {
				return Instant.parse(sortValue);
			}
			catch (DateTimeException ex) {
				throw new BadCursorException();
			}
		}

		public int intValue() {
			try {
				return Integer.parseInt(sortValue);
			}
			catch (NumberFormatException ex) {
				throw new BadCursorException();
			}
		}

		/**
		 * Years PostgreSQL reads back from the four-digit ISO text the cursor is bound
		 * as.
		 */
		private static void checkYear(int year) {
			if (year < 1 || year > 9999) {
				throw new BadCursorException();
			}
		}
	}

	public static String encode(String sortValue, long id, boolean forward) {
		String raw = (forward ? "n" : "p") + ":" + id + ":" + sortValue;
		return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Returns null for a missing cursor, which means "first page"; throws
	 * {@link BadCursorException} for one that {@link #encode} cannot have written.
	 */
	public static Cursor decode(String cursor) {
		if (cursor == null || cursor.isBlank()) {
			return null;
		}
		String raw;
		try {
			raw = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw new BadCursorException();
		}
		String[] parts = raw.split(":", 3);
		if (parts.length != 3 || !(parts[0].equals("n") || parts[0].equals("p")) || parts[2].length() > MAX_SORT_VALUE
				|| parts[2].indexOf('\0') >= 0) {
			// PostgreSQL refuses text with a NUL character.
			throw new BadCursorException();
		}
		try {
			return new Cursor(parts[2], Long.parseLong(parts[1]), parts[0].equals("n"));
		}
		catch (NumberFormatException ex) {
			throw new BadCursorException();
		}
	}

	/**
	 * Turns rows fetched with one row of look-ahead ({@code pageSize + 1}) into a page.
	 * Rows fetched backwards (for "previous") arrive in reverse order and are flipped
	 * here.
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
