package org.opencrm.web.marketing.scoring;

import jakarta.validation.Valid;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.Visibility;
import org.opencrm.marketing.scoring.LeadScoring;
import org.opencrm.marketing.scoring.ScoringQueries;
import org.opencrm.marketing.scoring.ScoringRule;
import org.opencrm.marketing.scoring.ScoringService;
import org.opencrm.web.system.PageSize;
import org.opencrm.web.system.OnRuleViolation;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The scoring model (threshold, half-life, rules), the best scored leads, and why each
 * scored what it did.
 */
@Controller
@RequestMapping("/marketing/scoring")
class ScoringController {

	private final ScoringService scoring;

	private final ScoringQueries queries;

	private final LeadScoring leadScoring;

	ScoringController(ScoringService scoring, ScoringQueries queries, LeadScoring leadScoring) {
		this.scoring = scoring;
		this.queries = queries;
		this.leadScoring = leadScoring;
	}

	@GetMapping
	String page(@RequestParam(required = false) String cursor, @AuthenticationPrincipal CrmUser user, Model model) {
		model.addAttribute("settingsForm", SettingsForm.of(queries.settings()));
		model.addAttribute("ruleForm", new RuleForm());
		return render(model, cursor, user);
	}

	private String render(Model model, String cursor, CrmUser user) {
		model.addAttribute("rules", queries.rules());
		// Leads as sales shows them to this user: a manager their team's.
		model.addAttribute("page", queries.leads(cursor, PageSize.LIST, Visibility.of(user)));
		options(model);
		return "marketing/scoring/index";
	}

	private static void options(Model model) {
		model.addAttribute("kinds", ScoringRule.Kind.values());
		model.addAttribute("ruleFields", ScoringRule.Field.values());
		model.addAttribute("operators", ScoringRule.Operator.values());
		model.addAttribute("engagements", ScoringService.ENGAGEMENTS);
	}

	@PostMapping("/settings")
	String settings(@Valid @ModelAttribute("settingsForm") SettingsForm form, BindingResult result,
			@AuthenticationPrincipal CrmUser user, Model model, RedirectAttributes redirect) {
		if (result.hasErrors()) {
			model.addAttribute("ruleForm", new RuleForm());
			return render(model, null, user);
		}
		scoring.updateSettings(form.getMqlThreshold(), form.getHalfLifeDays(), form.getVersion());
		redirect.addFlashAttribute("flash", "flash.saved");
		return "redirect:/marketing/scoring";
	}

	@PostMapping("/rules")
	@OnRuleViolation(form = "ruleForm")
	String createRule(@Valid @ModelAttribute("ruleForm") RuleForm form, BindingResult result,
			@AuthenticationPrincipal CrmUser user, Model model, RedirectAttributes redirect) {
		if (!result.hasErrors()) {
			scoring.createRule(form.toCommand());
			redirect.addFlashAttribute("flash", "flash.scoring.ruleAdded");
			return "redirect:/marketing/scoring";
		}
		model.addAttribute("settingsForm", SettingsForm.of(queries.settings()));
		return render(model, null, user);
	}

	@GetMapping("/rules/{id}/edit")
	String editRule(@PathVariable long id, Model model) {
		model.addAttribute("ruleForm", RuleForm.of(queries.rule(id)));
		model.addAttribute("ruleId", id);
		options(model);
		return "marketing/scoring/rule";
	}

	@PostMapping("/rules/{id}")
	@OnRuleViolation(form = "ruleForm")
	String updateRule(@PathVariable long id, @Valid @ModelAttribute("ruleForm") RuleForm form, BindingResult result,
			Model model, RedirectAttributes redirect) {
		if (!result.hasErrors()) {
			scoring.updateRule(id, form.toCommand());
			redirect.addFlashAttribute("flash", "flash.saved");
			return "redirect:/marketing/scoring";
		}
		model.addAttribute("ruleId", id);
		options(model);
		return "marketing/scoring/rule";
	}

	@PostMapping("/rules/{id}/delete")
	String deleteRule(@PathVariable long id, @RequestParam long version, RedirectAttributes redirect) {
		scoring.deleteRule(id, version);
		redirect.addFlashAttribute("flash", "flash.deleted");
		return "redirect:/marketing/scoring";
	}

	/**
	 * After the rules changed: every lead scored again (each in its own short
	 * transaction).
	 */
	@PostMapping("/rescore")
	String rescore(RedirectAttributes redirect) {
		leadScoring.rescoreAll(true);
		redirect.addFlashAttribute("flash", "flash.scoring.rescored");
		return "redirect:/marketing/scoring";
	}

	@GetMapping("/leads/{leadId}")
	String explain(@PathVariable long leadId, @AuthenticationPrincipal CrmUser user, Model model) {
		model.addAttribute("lead", queries.explain(leadId, Visibility.of(user)));
		model.addAttribute("settings", queries.settings());
		return "marketing/scoring/lead";
	}

}
