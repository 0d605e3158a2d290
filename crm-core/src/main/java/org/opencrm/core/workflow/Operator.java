package org.opencrm.core.workflow;

import java.math.BigDecimal;
import java.util.Locale;

/** How a condition compares a field with its value. */
public enum Operator {

	EQUALS, NOT_EQUALS, CONTAINS, GREATER_THAN, LESS_THAN, IS_EMPTY, IS_NOT_EMPTY;

	/** Whether the operator takes a value. */
	public boolean needsValue() {
		return this != IS_EMPTY && this != IS_NOT_EMPTY;
	}

	/** Whether the operator fits a field of {@code type}. */
	boolean fits(FieldType type) {
		return switch (this) {
			case CONTAINS -> type == FieldType.TEXT;
			case GREATER_THAN, LESS_THAN -> type == FieldType.NUMBER || type == FieldType.DATE;
			default -> true;
		};
	}

	/** Tests {@code actual} (a field's value as text) against {@code expected}. */
	boolean test(FieldType type, String actual, String expected) {
		boolean empty = actual == null || actual.isBlank();
		return switch (this) {
			case IS_EMPTY -> empty;
			case IS_NOT_EMPTY -> !empty;
			case EQUALS -> !empty && same(type, actual, expected);
			case NOT_EQUALS -> empty || !same(type, actual, expected);
			case CONTAINS -> !empty && actual.toLowerCase(Locale.ROOT).contains(expected.toLowerCase(Locale.ROOT));
			case GREATER_THAN -> !empty && compare(type, actual, expected) > 0;
			case LESS_THAN -> !empty && compare(type, actual, expected) < 0;
		};
	}

	static boolean same(FieldType type, String a, String b) {
		if (a == null || b == null) {
			return a == b;
		}
		if (type == FieldType.NUMBER) {
			return compare(type, a, b) == 0;
		}
		return a.trim().equalsIgnoreCase(b.trim());
	}

	private static int compare(FieldType type, String a, String b) {
		if (type == FieldType.NUMBER) {
			return number(a).compareTo(number(b));
		}
		// Dates as yyyy-MM-dd compare as text.
		return a.trim().compareTo(b.trim());
	}

	/** A number, also with the currency a deal's amount carries ("12000.00 EUR"). */
	static BigDecimal number(String text) {
		String t = text.trim();
		int space = t.indexOf(' ');
		return new BigDecimal(space > 0 ? t.substring(0, space) : t);
	}

}
