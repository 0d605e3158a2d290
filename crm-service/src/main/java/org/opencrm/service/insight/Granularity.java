package org.opencrm.service.insight;

/**
 * The length of a trend's periods: calendar days, ISO weeks (Monday to Sunday) or
 * calendar months.
 */
public enum Granularity {

	DAY("day", "1 day"), WEEK("week", "1 week"), MONTH("month", "1 month");

	final String truncUnit;

	final String step;

	Granularity(String truncUnit, String step) {
		this.truncUnit = truncUnit;
		this.step = step;
	}

}
