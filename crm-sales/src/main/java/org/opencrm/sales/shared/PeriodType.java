package org.opencrm.sales.shared;

import java.time.LocalDate;

/** The length of a quota or forecast period. */
public enum PeriodType {

	MONTH, QUARTER;

	/** The first day of the period of this type that {@code day} falls in. */
	public LocalDate firstDay(LocalDate day) {
		return this == MONTH ? day.withDayOfMonth(1)
				: LocalDate.of(day.getYear(), (day.getMonthValue() - 1) / 3 * 3 + 1, 1);
	}

}
