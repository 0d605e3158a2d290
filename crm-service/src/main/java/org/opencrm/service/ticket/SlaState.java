package org.opencrm.service.ticket;

import java.time.Instant;

/**
 * How one SLA target stands at a moment: for the queue's and the ticket page's badges.
 */
public enum SlaState {

	NONE, ON_TRACK, WARNING, BREACHED, MET, MISSED, PAUSED;

	/**
	 * @param due the due time (null: no target)
	 * @param warn the warning time
	 * @param doneAt when the target was reached (first response sent, ticket resolved),
	 * or null
	 * @param paused whether the clock stands still
	 */
	public static SlaState of(Instant due, Instant warn, Instant doneAt, boolean paused, Instant now) {
		if (due == null) {
			return NONE;
		}
		if (doneAt != null) {
			return doneAt.isAfter(due) ? MISSED : MET;
		}
		if (paused) {
			return PAUSED;
		}
		if (!now.isBefore(due)) {
			return BREACHED;
		}
		return warn != null && !now.isBefore(warn) ? WARNING : ON_TRACK;
	}

}
