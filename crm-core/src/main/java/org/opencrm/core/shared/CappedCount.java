package org.opencrm.core.shared;

/**
 * A row count that stops counting at a cap, so a list over a million rows never counts
 * them all: shown as "10,000+" when the cap was reached.
 */
public record CappedCount(long value, boolean capped) {

	public static final int CAP = 10_000;

	public static CappedCount of(long countedUpToCapPlusOne) {
		return countedUpToCapPlusOne > CAP ? new CappedCount(CAP, true) : new CappedCount(countedUpToCapPlusOne, false);
	}
}
