package org.opencrm.sales.shared;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A calendar month or quarter, the unit quotas and forecasts are kept in: {@code start}
 * is the period's first day, {@code end} the first day after it.
 */
public record Period(PeriodType type, LocalDate start) {

	private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");

	private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");

	public Period {
		start = type.firstDay(start);
	}

	/** The period of {@code type} a day falls in. */
	public static Period containing(PeriodType type, LocalDate day) {
		return new Period(type, day);
	}

	/**
	 * Parses {@code 2026-Q4} or {@code 2026-11}.
	 * @throws IllegalArgumentException for anything else
	 */
	public static Period parse(String text) {
		String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
		Matcher q = QUARTER.matcher(t);
		if (q.matches()) {
			return new Period(PeriodType.QUARTER,
					LocalDate.of(Integer.parseInt(q.group(1)), (Integer.parseInt(q.group(2)) - 1) * 3 + 1, 1));
		}
		Matcher m = MONTH.matcher(t);
		if (m.matches()) {
			int month = Integer.parseInt(m.group(2));
			if (month >= 1 && month <= 12) {
				return new Period(PeriodType.MONTH, LocalDate.of(Integer.parseInt(m.group(1)), month, 1));
			}
		}
		throw new IllegalArgumentException("Not a month (2026-11) or quarter (2026-Q4): " + text);
	}

	public LocalDate end() {
		return type == PeriodType.MONTH ? start.plusMonths(1) : start.plusMonths(3);
	}

	public Period previous() {
		return new Period(type, type == PeriodType.MONTH ? start.minusMonths(1) : start.minusMonths(3));
	}

	public Period next() {
		return new Period(type, end());
	}

	/** The text {@link #parse} reads back: {@code 2026-Q4} or {@code 2026-11}. */
	public String key() {
		return type == PeriodType.MONTH ? YearMonth.from(start).toString()
				: start.getYear() + "-Q" + ((start.getMonthValue() - 1) / 3 + 1);
	}

	@Override
	public String toString() {
		return key();
	}
}
