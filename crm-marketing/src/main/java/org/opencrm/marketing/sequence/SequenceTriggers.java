package org.opencrm.marketing.sequence;

import org.opencrm.core.event.ContactCreated;
import org.opencrm.core.event.LeadConverted;
import org.opencrm.core.event.LifecycleStageChanged;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Enrols contacts on events (a new tagged contact, a converted lead) and stops customers'
 * sequences.
 */
@Component
class SequenceTriggers {

	private final SequenceEnrolments sequences;

	SequenceTriggers(SequenceEnrolments sequences) {
		this.sequences = sequences;
	}

	@ApplicationModuleListener
	void on(ContactCreated event) {
		sequences.enrolByTags(event.contactId());
	}

	@ApplicationModuleListener
	void on(LeadConverted event) {
		sequences.enrolConvertedLead(event.contactId());
	}

	@ApplicationModuleListener
	void on(LifecycleStageChanged event) {
		if ("contact".equals(event.subjectType()) && "CUSTOMER".equals(event.to())) {
			sequences.stop(event.subjectId(), "BECAME_CUSTOMER");
		}
	}

}
