package org.opencrm.web.search;

import java.util.List;
import org.opencrm.core.search.CustomerLookup;
import org.opencrm.core.search.SearchHit;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.Visibility;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The call-centre look-up, {@code /lookup?q=+49 40 1234}: exactly one customer with this
 * phone number or e-mail → their dashboard; several → a short pick list; none → a message
 * and a "new contact" link with the number or address filled in. Customers the user may
 * not see are never found. Bad input (nothing, too long, neither a number nor an address)
 * → a message on the page.
 */
@Controller
class LookupController {

	private final CustomerLookup lookup;

	LookupController(CustomerLookup lookup) {
		this.lookup = lookup;
	}

	@GetMapping("/lookup")
	String lookup(@RequestParam(defaultValue = "") String q, @AuthenticationPrincipal CrmUser user, Model model) {
		List<SearchHit> hits;
		try {
			hits = lookup.find(q, Visibility.of(user));
		}
		catch (RuleViolationException ex) {
			model.addAttribute("q", q.length() > CustomerLookup.MAX_LENGTH ? "" : q);
			model.addAttribute("problem", ex);
			model.addAttribute("hits", List.of());
			return "search/lookup";
		}
		if (hits.size() == 1) {
			return "redirect:" + dashboard(hits.get(0));
		}
		return pickList(model, q, hits);
	}

	static String pickList(Model model, String q, List<SearchHit> hits) {
		model.addAttribute("q", q.trim());
		model.addAttribute("hits", hits);
		CustomerLookup.Key key = CustomerLookup.Key.of(q);
		// "New contact" with what was typed already in the right field.
		model.addAttribute("newEmail", key != null && key.email() != null ? q.trim() : null);
		model.addAttribute("newPhone", key != null && key.phoneDigits() != null ? q.trim() : null);
		return "search/lookup";
	}

	static String dashboard(SearchHit hit) {
		return (hit.kind() == SearchHit.Kind.ACCOUNT ? "/accounts/" : "/contacts/") + hit.id();
	}

}
