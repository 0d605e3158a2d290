package org.opencrm.core.health;

/**
 * An account's RFM segment from recency (R, days since the last won deal), frequency (F,
 * won deals ever) and monetary value (M, won revenue ever). The first rule that holds
 * wins:
 * <ol>
 * <li>F = 0 → NO_PURCHASES</li>
 * <li>R ≤ 90 and (F ≥ 4 or M ≥ 50,000) → CHAMPIONS</li>
 * <li>R ≤ 90 and F = 1 → NEW</li>
 * <li>R ≤ 180 and F ≥ 3 → LOYAL</li>
 * <li>R ≤ 180 → POTENTIAL</li>
 * <li>R ≤ 365 and F ≥ 2 → AT_RISK</li>
 * <li>R ≤ 365 → HIBERNATING</li>
 * <li>otherwise → LOST</li>
 * </ol>
 */
public enum RfmSegment {

	CHAMPIONS, LOYAL, POTENTIAL, NEW, AT_RISK, HIBERNATING, LOST, NO_PURCHASES;

	static final java.math.BigDecimal CHAMPION_REVENUE = java.math.BigDecimal.valueOf(50_000);

	/**
	 * The rule above; {@code recencyDays} is ignored (may be null) when {@code frequency}
	 * is 0.
	 */
	public static RfmSegment of(Integer recencyDays, int frequency, java.math.BigDecimal monetary) {
		if (frequency == 0 || recencyDays == null) {
			return NO_PURCHASES;
		}
		int r = recencyDays;
		if (r <= 90 && (frequency >= 4 || monetary.compareTo(CHAMPION_REVENUE) >= 0)) {
			return CHAMPIONS;
		}
		if (r <= 90 && frequency == 1) {
			return NEW;
		}
		if (r <= 180) {
			return frequency >= 3 ? LOYAL : POTENTIAL;
		}
		if (r <= 365) {
			return frequency >= 2 ? AT_RISK : HIBERNATING;
		}
		return LOST;
	}

}
