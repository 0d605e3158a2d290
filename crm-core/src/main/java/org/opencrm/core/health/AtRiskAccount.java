package org.opencrm.core.health;

import java.util.List;

/**
 * A row of the at-risk list: the account's health, its owner, and the factors that cost
 * it points.
 */
public record AtRiskAccount(CustomerHealth health, Long ownerId, String ownerName) {

	/** The factors with negative points, the heaviest first. */
	public List<HealthFactor> pulledDownBy() {
		return health.factors()
			.stream()
			.filter(f -> f.points() < 0)
			.sorted(java.util.Comparator.comparingInt(HealthFactor::points))
			.toList();
	}
}
