package org.opencrm.core.shared;

/**
 * A row count that stops counting at a cap, so a list over a million rows never counts
 * them all: shown as "10,000+" when the cap was reached.
 */
public record CappedCount(long value, boolean capped) {

	public static final int CAP = 10_000;

	/**
	 * The cap of counts a hot page shows beside a heading or a tab (the agent's queue
	 * views, my day's lists), shown as "500+": such a page is opened all day, and each
	 * count costs up to this many index entries, whatever the number of rows.
	 */
	public static final int HEADING_CAP = 500;

	public static CappedCount of(long countedUpToCapPlusOne) {
		return of(countedUpToCapPlusOne, CAP);
	}

	/** A count made with {@code limit cap + 1}. */
	public static CappedCount of(long countedUpToCapPlusOne, int cap) {
		return countedUpToCapPlusOne > cap ? new CappedCount(cap, true) : new CappedCount(countedUpToCapPlusOne, false);
	}
}
