package org.opencrm.web.service.customer;

import org.opencrm.service.ticket.TicketSummaryQuery;
import org.opencrm.service.tier.AccountTiers;
import org.opencrm.service.tier.ServiceTier;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The service block on account and contact pages (loaded by htmx, or opened as a page of its own
 * without JavaScript): open tickets with their SLA state, complaint count, and the account's tier.
 */
@Controller
class ServiceSectionController {

	private final TicketSummaryQuery summaries;

	private final AccountTiers tiers;

	ServiceSectionController(TicketSummaryQuery summaries, AccountTiers tiers) {
		this.summaries = summaries;
		this.tiers = tiers;
	}

	@GetMapping("/service/customers/accounts/{id}")
	String account(@PathVariable long id, Model model) {
		model.addAttribute("summary", summaries.forAccount(id));
		model.addAttribute("accountId", id);
		model.addAttribute("contactId", null);
		model.addAttribute("tier", tiers.tierOf(id));
		model.addAttribute("tiers", ServiceTier.values());
		return "service/customer/section :: block";
	}

	@GetMapping("/service/customers/contacts/{id}")
	String contact(@PathVariable long id, Model model) {
		model.addAttribute("summary", summaries.forContact(id));
		model.addAttribute("accountId", null);
		model.addAttribute("contactId", id);
		return "service/customer/section :: block";
	}

	@PostMapping("/service/customers/accounts/{id}/tier")
	String setTier(@PathVariable long id, @RequestParam(required = false) ServiceTier tier,
			RedirectAttributes redirect) {
		if (tier == null) {
			redirect.addFlashAttribute("flashError", "tier.required");
			return "redirect:/accounts/" + id;
		}
		tiers.setTier(id, tier);
		redirect.addFlashAttribute("flash", "flash.tier.saved");
		return "redirect:/accounts/" + id;
	}
}
