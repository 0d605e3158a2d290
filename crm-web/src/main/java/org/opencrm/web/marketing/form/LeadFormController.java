package org.opencrm.web.marketing.form;

import jakarta.validation.Valid;
import org.opencrm.core.user.CrmUser;
import org.opencrm.marketing.form.FormQueries;
import org.opencrm.marketing.form.FormService;
import org.opencrm.web.picker.Picked;
import org.opencrm.web.picker.PickerKind;
import org.opencrm.web.picker.Pickers;
import org.opencrm.web.system.PageSize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
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

/** Marketers' side of web-to-lead forms: list, design, and each form's submissions. */
@Controller
@RequestMapping("/marketing/forms")
class LeadFormController {

	private final FormService forms;

	private final FormQueries queries;

	private final Pickers pickers;

	LeadFormController(FormService forms, FormQueries queries, Pickers pickers) {
		this.forms = forms;
		this.queries = queries;
		this.pickers = pickers;
	}

	@GetMapping
	String list(@RequestParam(required = false) String cursor, Model model) {
		model.addAttribute("page", queries.list(cursor, PageSize.LIST));
		return "marketing/form/list";
	}

	@GetMapping("/new")
	String newForm(Model model) {
		model.addAttribute("form", LeadFormForm.empty());
		model.addAttribute("formId", null);
		model.addAttribute("campaignPicked", Picked.none(PickerKind.CAMPAIGN));
		return "marketing/form/form";
	}

	@PostMapping
	@OnRuleViolation(form = "form")
	String create(@Valid @ModelAttribute("form") LeadFormForm form, BindingResult result,
			@RequestParam(required = false) String campaignIdText, @AuthenticationPrincipal CrmUser user, Model model,
			RedirectAttributes redirect) {
		model.addAttribute("formId", null);
		pickCampaign(form, campaignIdText, user, result, model);
		if (result.hasErrors()) {
			return "marketing/form/form";
		}
		long id = forms.create(form.toCommand());
		redirect.addFlashAttribute("flash", "flash.form.created");
		return "redirect:/marketing/forms/" + id;
	}

	@GetMapping("/{id}")
	String show(@PathVariable long id, @RequestParam(required = false) String cursor, Model model) {
		model.addAttribute("leadForm", queries.details(id));
		model.addAttribute("page", queries.submissions(id, cursor, PageSize.LIST));
		return "marketing/form/show";
	}

	@GetMapping("/{id}/edit")
	String editForm(@PathVariable long id, @AuthenticationPrincipal CrmUser user, Model model) {
		LeadFormForm form = LeadFormForm.of(queries.details(id));
		model.addAttribute("form", form);
		model.addAttribute("formId", id);
		model.addAttribute("campaignPicked", pickers.shown(PickerKind.CAMPAIGN, form.getCampaignId(), user));
		return "marketing/form/form";
	}

	@PostMapping("/{id}")
	@OnRuleViolation(form = "form")
	String update(@PathVariable long id, @Valid @ModelAttribute("form") LeadFormForm form, BindingResult result,
			@RequestParam(required = false) String campaignIdText, @AuthenticationPrincipal CrmUser user, Model model,
			RedirectAttributes redirect) {
		model.addAttribute("formId", id);
		pickCampaign(form, campaignIdText, user, result, model);
		if (result.hasErrors()) {
			return "marketing/form/form";
		}
		forms.update(id, form.toCommand());
		redirect.addFlashAttribute("flash", "flash.saved");
		return "redirect:/marketing/forms/" + id;
	}

	/** The campaign chosen with the picker, or typed by name (optional). */
	private void pickCampaign(LeadFormForm form, String text, CrmUser user, BindingResult result, Model model) {
		Picked campaign = pickers.resolve(PickerKind.CAMPAIGN, form.getCampaignId(), text, user, result, "campaignId");
		form.setCampaignId(campaign.isChosen() ? campaign.id() : null);
		model.addAttribute("campaignPicked", campaign);
	}

}
