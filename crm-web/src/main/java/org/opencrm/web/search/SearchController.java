package org.opencrm.web.search;

import java.util.List;
import org.opencrm.core.search.CustomerLookup;
import org.opencrm.core.search.GlobalSearch;
import org.opencrm.core.search.SearchHit;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.Visibility;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The search box. A phone number or e-mail address that belongs to exactly one customer
 * the user may see goes straight to that customer's dashboard (the call-centre flow);
 * anything else lists matching accounts and contacts, again only those the user may see.
 */
@Controller
class SearchController {

	private final GlobalSearch search;

	private final CustomerLookup lookup;

	SearchController(GlobalSearch search, CustomerLookup lookup) {
		this.search = search;
		this.lookup = lookup;
	}

	@GetMapping("/search")
	String search(@RequestParam(defaultValue = "") String q, @AuthenticationPrincipal CrmUser user, Model model) {
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

}
