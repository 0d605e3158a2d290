package org.opencrm.web.marketing.section;

import org.opencrm.core.account.AccountService;
import org.opencrm.core.contact.ContactService;
import org.opencrm.marketing.summary.MarketingSummaryQuery;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The marketing block of an account's and a contact's page, loaded by htmx after the page (so
 * the page's own statement count stays flat) or opened as a page of its own without JavaScript.
 * A record that doesn't exist is a 404, as on its own page.
 */
@Controller
@RequestMapping("/marketing/sections")
class MarketingSectionController {

	private final MarketingSummaryQuery summaries;

	private final AccountService accounts;

	private final ContactService contacts;

	MarketingSectionController(MarketingSummaryQuery summaries, AccountService accounts, ContactService contacts) {
		this.summaries = summaries;
		this.accounts = accounts;
		this.contacts = contacts;
	}

	@GetMapping("/account/{id}")
	String account(@PathVariable long id, @RequestHeader(name = "HX-Request", required = false) String htmx,
			Model model) {
		model.addAttribute("name", accounts.details(id).name());
		model.addAttribute("summary", summaries.forAccount(id));
		model.addAttribute("backPath", "/accounts/" + id);
		return htmx != null ? "marketing/section :: block" : "marketing/section";
	}

	@GetMapping("/contact/{id}")
	String contact(@PathVariable long id, @RequestHeader(name = "HX-Request", required = false) String htmx,
			Model model) {
		var c = contacts.details(id);
		model.addAttribute("name", c.firstName() + " " + c.lastName());
		model.addAttribute("summary", summaries.forContact(id));
		model.addAttribute("backPath", "/contacts/" + id);
		return htmx != null ? "marketing/section :: block" : "marketing/section";
	}
}
