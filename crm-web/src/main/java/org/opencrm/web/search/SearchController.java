package org.opencrm.web.search;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.opencrm.core.search.CustomerLookup;
import org.opencrm.core.search.GlobalSearch;
import org.opencrm.core.search.SearchHit;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.Role;
import org.opencrm.core.user.Visibility;
import org.opencrm.sales.lead.LeadQuery;
import org.opencrm.sales.opportunity.OpportunityList;
import org.opencrm.service.ticket.TicketFilter;
import org.opencrm.service.ticket.TicketList;
import org.opencrm.service.ticket.TicketLookup;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The search box. A ticket number ({@code T-000349}, or {@code t-349}) takes the service
 * desk straight to that ticket. A phone number or e-mail address that belongs to exactly
 * one customer the user may see goes straight to that customer's dashboard (the
 * call-centre flow), and one that belongs to no one offers a new contact with it.
 * Anything else lists what matches by kind, again only what the user may see: accounts,
 * contacts, leads and deals, and for the service desk tickets by subject.
 */
@Controller
class SearchController {

	/** In the search box a ticket number needs its T (a bare number may be a phone). */
	private static final Pattern TICKET_NUMBER = Pattern.compile("\\s*[Tt]-?\\d{1,9}\\s*");

	private static final int SALES_HITS = 10;

	private static final int TICKET_HITS = 10;

	private final GlobalSearch search;

	private final CustomerLookup lookup;

	private final TicketLookup tickets;

	private final TicketList ticketList;

	private final LeadQuery leads;

	private final OpportunityList deals;

	SearchController(GlobalSearch search, CustomerLookup lookup, TicketLookup tickets, TicketList ticketList,
			LeadQuery leads, OpportunityList deals) {
		this.search = search;
		this.lookup = lookup;
		this.tickets = tickets;
		this.ticketList = ticketList;
		this.leads = leads;
		this.deals = deals;
	}

	@GetMapping("/search")
	String search(@RequestParam(defaultValue = "") String q, @AuthenticationPrincipal CrmUser user, Model model) {
		Optional<Long> ticket = ticketNumbered(q, user);
		if (ticket.isPresent()) {
			return "redirect:/service/tickets/" + ticket.get();
		}
		Visibility visibility = Visibility.of(user);
		CustomerLookup.Key key = q.length() <= CustomerLookup.MAX_LENGTH ? CustomerLookup.Key.of(q) : null;
		if (key != null) {
			List<SearchHit> hits = lookup.find(key, visibility);
			if (hits.size() == 1) {
				return "redirect:" + LookupController.dashboard(hits.get(0));
			}
			if (hits.size() > 1) {
				return LookupController.pickList(model, q, hits);
			}
		}
		model.addAttribute("results", search.search(q, visibility, 20));
		boolean words = q.strip().length() >= 2;
		model.addAttribute("leads", words ? leads.search(q, visibility, SALES_HITS) : List.of());
		model.addAttribute("deals", words ? deals.search(q, visibility, SALES_HITS) : List.of());
		model.addAttribute("tickets",
				Role.SERVICE_DESK.contains(user.role()) ? ticketList.search(q, TICKET_HITS) : List.of());
		// A phone number or e-mail address no one has: offer a contact with it.
		model.addAttribute("newEmail", key != null && key.email() != null ? q.strip() : null);
		model.addAttribute("newPhone", key != null && key.phoneDigits() != null ? q.strip() : null);
		return "search/results";
	}

	private Optional<Long> ticketNumbered(String q, CrmUser user) {
		if (!TICKET_NUMBER.matcher(q).matches() || !Role.SERVICE_DESK.contains(user.role())) {
			return Optional.empty();
		}
		return TicketFilter.number(q).flatMap(tickets::idByNumber);
	}

}
