package org.opencrm.web.marketing.template;

import jakarta.validation.Valid;
import org.opencrm.core.shared.EmailAddress;
import org.opencrm.core.user.CrmUser;
import org.opencrm.marketing.template.TemplateInvalidException;
import org.opencrm.marketing.template.TemplateService;
import org.opencrm.web.picker.Picked;
import org.opencrm.web.picker.PickerKind;
import org.opencrm.web.picker.Pickers;
import org.opencrm.web.system.Forms;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.opencrm.web.system.OnRuleViolation;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * E-mail templates: list, create, edit (refused with the exact place of a problem),
 * preview, test send.
 */
@Controller
@RequestMapping("/marketing/templates")
class TemplateController {

	private final TemplateService templates;

	private final Pickers pickers;

	TemplateController(TemplateService templates, Pickers pickers) {
		this.templates = templates;
		this.pickers = pickers;
	}

	@InitBinder("form")
	void allowFields(WebDataBinder binder) {
		binder.setAllowedFields("name", "subject", "htmlBody", "textBody", "version");
	}

	@GetMapping
	String list(Model model) {
		model.addAttribute("templates", templates.list());
		return "marketing/template/list";
	}

	@GetMapping("/new")
	String newForm(Model model) {
		model.addAttribute("form", TemplateForm.empty());
		return "marketing/template/form";
	}

	@PostMapping
	String create(@Valid @ModelAttribute("form") TemplateForm form, BindingResult result, RedirectAttributes redirect) {
		if (result.hasErrors()) {
			return "marketing/template/form";
		}
		try {
			TemplateService.Saved saved = templates.create(form.toCommand());
			saved(redirect, saved);
			return "redirect:/marketing/templates/" + saved.id();
		}
		catch (TemplateInvalidException ex) {
			reject(result, ex);
			return "marketing/template/form";
		}
	}

	/**
	 * The template, and its preview for the contact chosen with the picker (or typed by
	 * name: one that isn't one contact the user may see is a message on the form).
	 */
	@GetMapping("/{id}")
	String show(@PathVariable long id, @RequestParam(required = false) Long contactId,
			@RequestParam(required = false) String contactIdText, @AuthenticationPrincipal CrmUser user, Model model) {
		model.addAttribute("template", templates.details(id));
		Picked contact = pickers.resolve(PickerKind.CONTACT, contactId, contactIdText, user);
		model.addAttribute("contactPicked", contact);
		model.addAttribute("contactId", contact.isChosen() ? contact.id() : null);
		if (contact.isChosen()) {
			model.addAttribute("preview", templates.preview(id, contact.id()));
		}
		return "marketing/template/show";
	}

	@GetMapping("/{id}/edit")
	String editForm(@PathVariable long id, Model model) {
		model.addAttribute("form", TemplateForm.of(templates.details(id)));
		model.addAttribute("templateId", id);
		return "marketing/template/form";
	}

	@PostMapping("/{id}")
	String update(@PathVariable long id, @Valid @ModelAttribute("form") TemplateForm form, BindingResult result,
			Model model, RedirectAttributes redirect) {
		model.addAttribute("templateId", id);
		if (result.hasErrors()) {
			return "marketing/template/form";
		}
		try {
			saved(redirect, templates.update(id, form.toCommand()));
			return "redirect:/marketing/templates/" + id;
		}
		catch (TemplateInvalidException ex) {
			reject(result, ex);
			return "marketing/template/form";
		}
	}

	/** "Saved", and when cleaning took something out of the HTML, which parts. */
	private static void saved(RedirectAttributes redirect, TemplateService.Saved saved) {
		redirect.addFlashAttribute("flash", "mkt.template.saved");
		if (!saved.removedHtml().isEmpty()) {
			redirect.addFlashAttribute("flashWarning", "mkt.template.cleaned");
			redirect.addFlashAttribute("flashDetail", String.join(", ", saved.removedHtml()));
		}
	}

	@PostMapping("/{id}/test")
	@OnRuleViolation(redirect = "/marketing/templates/{id}")
	String testSend(@PathVariable long id, @RequestParam(required = false) String to,
			@RequestParam(required = false) Long contactId, RedirectAttributes redirect) {
		String address = Forms.trimmed(to);
		if (!EmailAddress.isValid(address)) {
			redirect.addFlashAttribute("flashError", "email.invalid");
		}
		else {
			templates.testSend(id, contactId, address);
			redirect.addFlashAttribute("flash", "mkt.template.test.sent");
		}
		return "redirect:/marketing/templates/" + id + (contactId == null ? "" : "?contactId=" + contactId);
	}

	/**
	 * Shows the problem on the field it is in, with its line:column (message key = the
	 * exception's code).
	 */
	private static void reject(BindingResult result, TemplateInvalidException ex) {
		result.rejectValue(ex.field(), ex.code(), ex.args(), ex.getMessage());
	}

}
