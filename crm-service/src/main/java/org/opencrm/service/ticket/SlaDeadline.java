package org.opencrm.service.ticket;

import java.time.Instant;

/**
 * The SLA deadline that applies next to a ticket: first response while none was sent,
 * else resolution. The queue orders by it ({@code tickets.queue_sort_at}) and every list
 * shows it, so order and display never disagree.
 */
public record SlaDeadline(Target target, Instant dueAt, SlaState state, boolean firstResponseMissed) {

	/** Which SLA target the deadline is for. */
	public enum Target {

		FIRST_RESPONSE, RESOLUTION

	}

	public static SlaDeadline of(Instant firstResponseWarnAt, Instant firstResponseDueAt, Instant firstRespondedAt,
			Instant resolutionWarnAt, Instant resolutionDueAt, Instant slaPausedAt, Instant now) {
		boolean paused = slaPausedAt != null;
		boolean missed = firstRespondedAt != null && firstResponseDueAt != null
				&& firstRespondedAt.isAfter(firstResponseDueAt);
		if (firstRespondedAt == null && firstResponseDueAt != null) {
			return new SlaDeadline(Target.FIRST_RESPONSE, firstResponseDueAt,
					SlaState.of(firstResponseDueAt, firstResponseWarnAt, null, paused, now), false);
		}
		return new SlaDeadline(Target.RESOLUTION, resolutionDueAt,
				SlaState.of(resolutionDueAt, resolutionWarnAt, null, paused, now), missed);
	}

	/**
	 * Rows tinted red when the deadline passed or the first reply went out late, amber
	 * when the deadline is near.
	 */
	public String tint() {
		if (state == SlaState.BREACHED || firstResponseMissed) {
			return "table-danger";
		}
		return state == SlaState.WARNING ? "table-warning" : "";
	}

}
