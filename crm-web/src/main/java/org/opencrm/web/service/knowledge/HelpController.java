package org.opencrm.web.service.knowledge;

import org.opencrm.service.knowledge.KnowledgeBase;
import org.opencrm.web.system.Forms;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The customers' help centre: FAQ, search and articles, published public ones only, no
 * sign-in.
 */
@Controller
@RequestMapping("/help")
class HelpController {

	private final KnowledgeBase kb;

	HelpController(KnowledgeBase kb) {
		this.kb = kb;
	}

	@GetMapping
	String faq(Model model) {
		model.addAttribute("sections", kb.faq());
		return "service/help/index";
	}

	@GetMapping("/search")
	String search(@RequestParam(required = false) String q, Model model) {
		String query = Forms.trimmed(q);
		model.addAttribute("q", query);
		model.addAttribute("hits", query == null ? java.util.List.of()
				: kb.search(query, true, false, KnowledgeBaseController.SEARCH_RESULTS));
		return "service/help/search";
	}

	@GetMapping("/articles/{id}")
	String article(@PathVariable long id, Model model) {
		model.addAttribute("article", kb.article(id, true));
		return "service/help/article";
	}

}
