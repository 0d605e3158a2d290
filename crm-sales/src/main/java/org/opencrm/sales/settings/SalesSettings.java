package org.opencrm.sales.settings;

/**
 * What an admin tunes about sales: after how many days a won deal gets its follow-up
 * call, and after how many days without activity an open lead shows as untouched on "my
 * day".
 */
public record SalesSettings(int followUpDays, int untouchedLeadDays, long version) {

	public static final int MIN_DAYS = 1;

	public static final int MAX_DAYS = 365;

}
