package org.opencrm.web.marketing.summary;

import org.opencrm.core.contact.ContactService;
import org.opencrm.marketing.summary.AudienceSummaryQuery;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Marketing's block on a contact's page, loaded by htmx after the page (so the page's own statement
 * count stays flat). Under /contacts so every staff role that opens the contact can load it.
 */
@Controller
class AudienceSectionController {

	private final AudienceSummaryQuery summaries;

	private final ContactService contacts;

	AudienceSectionController(AudienceSummaryQuery summaries, ContactService contacts) {
		this.summaries = summaries;
		this.contacts = contacts;
	}

	@GetMapping("/contacts/{id}/marketing")
	String contact(@PathVariable long id, Model model) {
		model.addAttribute("contact", contacts.details(id));
		model.addAttribute("summary", summaries.forContact(id));
		return "marketing/summary";
	}
}
