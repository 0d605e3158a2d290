package org.opencrm.service.csat;

import org.opencrm.service.TicketResolved;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Surveys every resolved ticket, after the resolving transaction committed. Delivery is
 * recorded in the event publication registry, so a crash between resolve and mail
 * re-sends on restart; the unique survey per ticket keeps a re-delivery from mailing
 * twice.
 */
@Component
class TicketResolvedSurvey {

	private final CsatService csat;

	TicketResolvedSurvey(CsatService csat) {
		this.csat = csat;
	}

	@ApplicationModuleListener
	void on(TicketResolved event) {
		csat.surveyResolvedTicket(event);
	}

}
