package org.opencrm.web.workflow;

import jakarta.validation.Valid;
import java.util.List;
import java.util.Objects;
import org.opencrm.core.user.UserDirectory;
import org.opencrm.core.workflow.ActionType;
import org.opencrm.core.workflow.Operator;
import org.opencrm.core.workflow.Recipient;
import org.opencrm.core.workflow.RecordTypeInfo;
import org.opencrm.core.workflow.RuleView;
import org.opencrm.core.workflow.TriggerKind;
import org.opencrm.core.workflow.WorkflowField;
import org.opencrm.core.workflow.WorkflowRules;
import org.opencrm.core.workflow.WorkflowRuns;
import org.opencrm.marketing.template.TemplateService;
import org.opencrm.web.system.OnRuleViolation;
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
 * Admin: workflow rules — the list, the editor (trigger, condition rows, action rows; a
 * plain form, "more rows" re-renders it with empty rows added), enable/disable, delete,
 * and each rule's run log (newest first, 50 a page, keyset by id). A rule that doesn't
 * hold comes back as typed with the message on its row; nothing is saved.
 */
@Controller
@RequestMapping("/admin/workflows")
class WorkflowAdminController {

	static final int RUNS_PAGE = 50;

	private final WorkflowRules rules;

	private final WorkflowRuns runs;

	private final UserDirectory users;

	private final TemplateService templates;

	WorkflowAdminController(WorkflowRules rules, WorkflowRuns runs, UserDirectory users, TemplateService templates) {
		this.rules = rules;
		this.runs = runs;
		this.users = users;
		this.templates = templates;
	}

	@GetMapping
	String list(Model model) {
		model.addAttribute("rules", rules.list());
		model.addAttribute("types", rules.recordTypes());
		return "admin/workflows";
	}

	@GetMapping("/new")
	String newRule(@RequestParam(defaultValue = "deal") String recordType, Model model) {
		return editor(model, WorkflowRuleForm.newRule(recordType), null);
	}

	@PostMapping
	@OnRuleViolation(form = "rule")
	String create(@Valid @ModelAttribute("rule") WorkflowRuleForm form, BindingResult result,
			@RequestParam(required = false) String moreRows, Model model, RedirectAttributes redirect) {
		form.compact();
		if (result.hasErrors() || moreRows != null) {
			return editor(model, form.withBlankRows(), null);
		}
		long id = rules.create(form.command());
		redirect.addFlashAttribute("flash", "flash.saved");
		String secret = rules.webhookSecret(id);
		if (secret != null) {
			redirect.addFlashAttribute("newSecret", secret);
		}
		return "redirect:/admin/workflows/" + id;
	}

	@GetMapping("/{id}")
	String rule(@PathVariable long id, @RequestParam(required = false) Long before, Model model) {
		RuleView rule = rules.details(id);
		return editor(model, WorkflowRuleForm.of(rule), rule, before);
	}

	@PostMapping("/{id}")
	@OnRuleViolation(form = "rule")
	String update(@PathVariable long id, @Valid @ModelAttribute("rule") WorkflowRuleForm form, BindingResult result,
			@RequestParam(required = false) String moreRows, Model model, RedirectAttributes redirect) {
		form.compact();
		RuleView before = rules.details(id);
		if (result.hasErrors() || moreRows != null) {
			form.setRecordType(before.recordType());
			return editor(model, form.withBlankRows(), before);
		}
		rules.update(id, form.command());
		redirect.addFlashAttribute("flash", "flash.saved");
		String secret = rules.webhookSecret(id);
		if (before.webhookSecretMasked() == null && secret != null) {
			redirect.addFlashAttribute("newSecret", secret);
		}
		return "redirect:/admin/workflows/" + id;
	}

	@PostMapping("/{id}/enabled")
	@OnRuleViolation(redirect = "/admin/workflows")
	String enable(@PathVariable long id, @RequestParam(defaultValue = "false") boolean on,
			RedirectAttributes redirect) {
		rules.enable(id, on);
		redirect.addFlashAttribute("flash", on ? "workflow.enabled.flash" : "workflow.disabled.flash");
		return "redirect:/admin/workflows";
	}

	@PostMapping("/{id}/delete")
	@OnRuleViolation(redirect = "/admin/workflows")
	String delete(@PathVariable long id, RedirectAttributes redirect) {
		rules.delete(id);
		redirect.addFlashAttribute("flash", "workflow.deleted.flash");
		return "redirect:/admin/workflows";
	}

	private String editor(Model model, WorkflowRuleForm form, RuleView rule) {
		return editor(model, form, rule, null);
	}

	private String editor(Model model, WorkflowRuleForm form, RuleView rule, Long before) {
		model.addAttribute("rule", form);
		model.addAttribute("saved", rule);
		List<RecordTypeInfo> types = rules.recordTypes();
		RecordTypeInfo type = types.stream()
			.filter(t -> Objects.equals(t.type(), form.getRecordType()))
			.findFirst()
			.orElse(types.get(0));
		model.addAttribute("type", type);
		model.addAttribute("fieldKeys", type.fields().stream().map(WorkflowField::key).toList());
		model.addAttribute("settableKeys",
				type.fields().stream().filter(WorkflowField::settable).map(WorkflowField::key).toList());
		model.addAttribute("triggers", TriggerKind.values());
		model.addAttribute("operators", Operator.values());
		model.addAttribute("actionTypes", ActionType.values());
		model.addAttribute("recipients", Recipient.values());
		model.addAttribute("users", users.assignableUsers());
		model.addAttribute("templates", templates.list());
		if (rule != null) {
			var page = runs.forRule(rule.id(), before, RUNS_PAGE + 1);
			model.addAttribute("runs", page.size() > RUNS_PAGE ? page.subList(0, RUNS_PAGE) : page);
			model.addAttribute("olderRuns", page.size() > RUNS_PAGE ? page.get(RUNS_PAGE - 1).id() : null);
		}
		return "admin/workflow-form";
	}

}
