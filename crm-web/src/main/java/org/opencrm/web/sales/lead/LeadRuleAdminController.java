package org.opencrm.web.sales.lead;

import org.opencrm.core.user.UserDirectory;
import org.opencrm.sales.lead.AssignmentRuleCommand;
import org.opencrm.sales.lead.AssignmentRules;
import org.opencrm.web.system.Forms;
import org.opencrm.web.system.OnRuleViolation;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Admin: the ordered lead assignment rules (conditions → a user, or round-robin in a
 * team).
 */
@Controller
@RequestMapping("/admin/lead-rules")
class LeadRuleAdminController {

	private final AssignmentRules rules;

	private final UserDirectory users;

	LeadRuleAdminController(AssignmentRules rules, UserDirectory users) {
		this.rules = rules;
		this.users = users;
	}

	@GetMapping
	String page(Model model) {
		model.addAttribute("rules", rules.list());
		model.addAttribute("users", users.assignableUsers());
		model.addAttribute("teams", users.listTeams());
		return "sales/admin/lead-rules";
	}

	@PostMapping
	@OnRuleViolation(redirect = "/admin/lead-rules")
	String create(@RequestParam(required = false) String name, @RequestParam(defaultValue = "false") boolean active,
			@RequestParam(required = false) String matchCountry, @RequestParam(required = false) String matchIndustry,
			@RequestParam(required = false) String matchSource, @RequestParam(required = false) String target,
			RedirectAttributes redirect) {
		return act(redirect,
				() -> rules.create(command(name, active, matchCountry, matchIndustry, matchSource, target, 0)));
	}

	@PostMapping("/{id}")
	@OnRuleViolation(redirect = "/admin/lead-rules")
	String update(@PathVariable long id, @RequestParam(required = false) String name,
			@RequestParam(defaultValue = "false") boolean active, @RequestParam(required = false) String matchCountry,
			@RequestParam(required = false) String matchIndustry, @RequestParam(required = false) String matchSource,
			@RequestParam(required = false) String target, @RequestParam long version, RedirectAttributes redirect) {
		return act(redirect, () -> rules.update(id,
				command(name, active, matchCountry, matchIndustry, matchSource, target, version)));
	}

	@PostMapping("/{id}/move")
	@OnRuleViolation(redirect = "/admin/lead-rules")
	String move(@PathVariable long id, @RequestParam(defaultValue = "true") boolean up, RedirectAttributes redirect) {
		return act(redirect, () -> rules.move(id, up));
	}

	@PostMapping("/{id}/delete")
	@OnRuleViolation(redirect = "/admin/lead-rules")
	String delete(@PathVariable long id, RedirectAttributes redirect) {
		return act(redirect, () -> rules.delete(id));
	}

	/** {@code target} is "user:7" or "team:3", from one select listing both. */
	private static AssignmentRuleCommand command(String name, boolean active, String country, String industry,
			String source, String target, long version) {
		Long user = null;
		Long team = null;
		if (target != null && target.matches("(user|team):\\d{1,18}")) {
			long id = Long.parseLong(target.substring(5));
			if (target.startsWith("user")) {
				user = id;
			}
			else {
				team = id;
			}
		}
		return new AssignmentRuleCommand(name, active, Forms.trimmed(country), Forms.trimmed(industry),
				Forms.trimmed(source), user, team, version);
	}

	/**
	 * A broken rule never gets past {@code action}: ErrorPages answers it (see the
	 * handlers' OnRuleViolation).
	 */
	private String act(RedirectAttributes redirect, Runnable action) {
		action.run();
		redirect.addFlashAttribute("flash", "flash.saved");
		return "redirect:/admin/lead-rules";
	}

}
