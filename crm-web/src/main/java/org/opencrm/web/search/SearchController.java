package org.opencrm.web.search;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opencrm.core.search.CustomerLookup;
import org.opencrm.core.search.GlobalSearch;
import org.opencrm.core.search.SearchHit;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.Role;
import org.opencrm.core.user.Visibility;
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
 * call-centre flow); anything else lists matching accounts and contacts, again only those
 * the user may see.
 */
@Controller
class SearchController {

	private static final Pattern TICKET_NUMBER = Pattern.compile("\\s*[Tt]-?(\\d{1,9})\\s*");

	private final GlobalSearch search;

	private final CustomerLookup lookup;

	private final TicketLookup ticketLookup;

	SearchController(GlobalSearch search, CustomerLookup lookup, TicketLookup ticketLookup) {
		this.search = search;
		this.lookup = lookup;
		this.ticketLookup = ticketLookup;
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
		return "search/results";
	}

	private Optional<Long> ticketNumbered(String q, CrmUser user) {
		Matcher number = TICKET_NUMBER.matcher(q);
		if (!number.matches() || !Role.SERVICE_DESK.contains(user.role())) {
			return Optional.empty();
		}
		return ticketLookup.idByNumber("T-%06d".formatted(Long.parseLong(number.group(1))));
	}

}
