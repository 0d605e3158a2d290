package org.opencrm.service.insight;

import java.time.temporal.ChronoUnit;

/**
 * The length of a trend's periods: calendar days, ISO weeks (Monday to Sunday) or
 * calendar months.
 */
public enum Granularity {

	DAY("day", "1 day", ChronoUnit.DAYS), WEEK("week", "1 week", ChronoUnit.WEEKS),
	MONTH("month", "1 month", ChronoUnit.MONTHS);

	final String truncUnit;

	final String step;

	final ChronoUnit unit;

	Granularity(String truncUnit, String step, ChronoUnit unit) {
		this.truncUnit = truncUnit;
		this.step = step;
		this.unit = unit;
	}

}
