package org.opencrm.service.ticket;

import java.time.Instant;

/**
 * Computes a ticket's SLA due and warning times in business time (implemented by the SLA
 * package, which knows policies and calendars).
 */
public interface SlaPlanner {

	/**
	 * The plan for a ticket of this priority (and its account's tier) opened at
	 * {@code openedAt}, whose clock has been paused for {@code pausedBusinessMinutes} so
	 * far.
	 */
	SlaPlan plan(TicketPriority priority, Long accountId, Instant openedAt, long pausedBusinessMinutes);

	/**
	 * Business minutes between two instants on the policy's calendar (0 without a
	 * policy).
	 */
	long businessMinutesBetween(Long policyId, Instant from, Instant to);

	/** Due and warning times; all null when no policy applies. */
	record SlaPlan(Long policyId, Instant firstResponseWarnAt, Instant firstResponseDueAt, Instant resolutionWarnAt,
			Instant resolutionDueAt) {

		public static SlaPlan none() {
			return new SlaPlan(null, null, null, null, null);
		}
	}

}
