package org.opencrm.web.search;

import org.opencrm.core.contact.ContactService;
import org.opencrm.core.search.GlobalSearch;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The search box. A phone number or e-mail address that belongs to a contact goes straight to
 * that contact (the call-centre flow); anything else lists matching accounts and contacts.
 */
@Controller
class SearchController {

	private final GlobalSearch search;

	private final ContactService contacts;

	SearchController(GlobalSearch search, ContactService contacts) {
		this.search = search;
		this.contacts = contacts;
	}

	@GetMapping("/search")
	String search(@RequestParam(defaultValue = "") String q, Model model) {
		var direct = contacts.findByPhoneOrEmail(q);
		if (direct.isPresent()) {
			return "redirect:/contacts/" + direct.get();
		}
		model.addAttribute("results", search.search(q, 20));
		return "search/results";
	}
}
