package org.opencrm.sales.lead;

import org.opencrm.core.delivery.EventReceipts;
import org.opencrm.core.event.LeadCaptureRequested;
import org.opencrm.core.event.LeadScored;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * What sales does when other modules hand over prospects or score leads (after their
 * commit). A capture is taken once however often it is delivered (its receipt is saved
 * with the lead); a score is a value, so applying it again changes nothing.
 */
@Component
class LeadEvents {

	static final String CAPTURE = "sales.lead-capture";

	private final LeadService leads;

	private final EventReceipts receipts;

	LeadEvents(LeadService leads, EventReceipts receipts) {
		this.leads = leads;
		this.receipts = receipts;
	}

	@ApplicationModuleListener
	void on(LeadCaptureRequested e) {
		if (!receipts.firstDelivery(CAPTURE, e)) {
			return;
		}
		String last = e.lastName() == null || e.lastName().isBlank()
				? (e.email() != null ? e.email().substring(0, Math.max(1, e.email().indexOf('@'))) : "Unknown")
				: e.lastName();
		String source = e.source() == null || e.source().isBlank() ? "capture" : e.source();
		leads.capture(new LeadCommand(e.firstName(), last, e.email(), e.phone(), e.company(), e.title(), e.industry(),
				e.country(), e.companySize(), source, e.sourceDetail(), e.campaignId(), null, 0), e.message());
	}

	@ApplicationModuleListener
	void on(LeadScored e) {
		leads.applyScore(e.leadId(), e.score(), e.mql());
	}

}
