package org.opencrm.marketing.tracking;

import org.opencrm.core.health.HealthChanges;
import org.opencrm.marketing.EngagementRecorded;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells customer health that a contact's account engaged (a first open or click of a
 * marketing e-mail), in the transaction that recorded it, so the next incremental
 * recompute counts it.
 */
@Component
class EngagementHealth {

	private final HealthChanges health;

	EngagementHealth(HealthChanges health) {
		this.health = health;
	}

	@EventListener
	void on(EngagementRecorded event) {
		if (event.contactId() != null && (event.type() == EngagementRecorded.Type.OPENED
				|| event.type() == EngagementRecorded.Type.CLICKED)) {
			health.changedContact(event.contactId());
		}
	}

}
