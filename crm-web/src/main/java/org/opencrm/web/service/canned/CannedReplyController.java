package org.opencrm.web.service.canned;

import org.opencrm.service.canned.CannedReplies;
import org.opencrm.web.system.OnRuleViolation;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Canned replies, kept by agents and admins. */
@Controller
@RequestMapping("/service/canned")
class CannedReplyController {

	private final CannedReplies canned;

	CannedReplyController(CannedReplies canned) {
		this.canned = canned;
	}

	@GetMapping
	String page(Model model) {
		model.addAttribute("replies", canned.all());
		model.addAttribute("mergeFields", CannedReplies.MERGE_FIELDS);
		return "service/canned/list";
	}

	@PostMapping
	@OnRuleViolation(redirect = "/service/canned")
	String create(@RequestParam(defaultValue = "") String title, @RequestParam(defaultValue = "") String body,
			RedirectAttributes redirect) {
		return act(redirect, "flash.saved", () -> canned.create(title, body));
	}

	@PostMapping("/{id}")
	@OnRuleViolation(redirect = "/service/canned")
	String update(@PathVariable long id, @RequestParam(defaultValue = "") String title,
			@RequestParam(defaultValue = "") String body, @RequestParam long version, RedirectAttributes redirect) {
		return act(redirect, "flash.saved", () -> canned.update(id, title, body, version));
	}

	@PostMapping("/{id}/delete")
	@OnRuleViolation(redirect = "/service/canned")
	String delete(@PathVariable long id, RedirectAttributes redirect) {
		return act(redirect, "flash.deleted", () -> canned.delete(id));
	}

	private static String act(RedirectAttributes redirect, String flash, Runnable action) {
		action.run();
		redirect.addFlashAttribute("flash", flash);
		return "redirect:/service/canned";
	}

}
