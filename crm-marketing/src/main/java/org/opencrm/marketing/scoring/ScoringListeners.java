package org.opencrm.marketing.scoring;

import org.opencrm.core.event.LeadConverted;
import org.opencrm.core.event.LeadCreated;
import org.opencrm.core.event.LeadRemoved;
import org.opencrm.core.event.LeadOwnerChanged;
import org.opencrm.marketing.EngagementRecorded;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Scores leads as they arrive and as people engage, after the raising transaction
 * commits.
 */
@Component
class ScoringListeners {

	private final LeadScoring scoring;

	ScoringListeners(LeadScoring scoring) {
		this.scoring = scoring;
	}

	@ApplicationModuleListener
	void on(LeadCreated event) {
		scoring.leadCreated(event);
	}

	/**
	 * Only the engagements scoring counts: for the others (a mail sent, a reply) no
	 * publication is stored, run and completed — three writes per campaign mail.
	 */
	@ApplicationModuleListener(condition = "T(org.opencrm.marketing.scoring.ScoringService).ENGAGEMENTS"
			+ ".contains(#event.type().name())")
	void on(EngagementRecorded event) {
		scoring.engaged(event);
	}

	@ApplicationModuleListener
	void on(LeadOwnerChanged event) {
		scoring.leadOwnerChanged(event);
	}

	@ApplicationModuleListener
	void on(LeadRemoved event) {
		scoring.leadRemoved(event);
	}

	@ApplicationModuleListener
	void on(LeadConverted event) {
		scoring.leadConverted(event);
	}

}
