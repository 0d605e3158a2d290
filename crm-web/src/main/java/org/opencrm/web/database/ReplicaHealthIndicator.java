package org.opencrm.web.database;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * The replica's part of readiness ({@code replica}): UP while reads go to it, DEGRADED
 * while they go to the primary instead (down, lagging, not a standby) — the application
 * still serves everything, so readiness answers 200, never DOWN because of the replica
 * ({@code management.endpoint.health.status.order}). UNKNOWN when none is configured.
 * Reports the circuit's last state; it never connects itself.
 */
@Component
class ReplicaHealthIndicator implements HealthIndicator {

	static final Status DEGRADED = new Status("DEGRADED", "reads go to the primary");

	private final ObjectProvider<ReadReplica> replica;

	ReplicaHealthIndicator(ObjectProvider<ReadReplica> replica) {
		this.replica = replica;
	}

	@Override
	public Health health() {
		ReadReplica target = replica.getIfAvailable();
		if (target == null) {
			return Health.unknown().withDetail("configured", false).build();
		}
		ReadReplica.Status status = target.status();
		Health.Builder health = target.usable() ? Health.up() : Health.status(DEGRADED);
		return health.withDetail("state", status.state())
			.withDetail("reason", status.reason())
			.withDetail("lagSeconds", status.lagSeconds())
			.build();
	}

}
