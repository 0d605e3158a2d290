package org.opencrm.core.health;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An account's health as last computed: the score (0–100, the sum of its factors'
 * points), the score before that (for the trend), its band and RFM segment, and the raw
 * recency / frequency / monetary values the segment came from.
 */
public record CustomerHealth(long accountId, String accountName, int score, Integer previousScore, Band band,
		String rfmSegment, Integer recencyDays, int frequency, BigDecimal monetary, List<HealthFactor> factors,
		Instant computedAt) {

	public enum Band {

		HEALTHY, WATCH, AT_RISK

	}

	/**
	 * Points gained (positive) or lost since the previous computation; 0 when there was
	 * none.
	 */
	public int trend() {
		return previousScore == null ? 0 : score - previousScore;
	}
}
