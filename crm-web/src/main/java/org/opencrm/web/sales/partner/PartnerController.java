package org.opencrm.web.sales.partner;

import jakarta.validation.Valid;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.Visibility;
import org.opencrm.sales.partner.PartnerService;
import org.opencrm.sales.partner.PartnerType;
import org.opencrm.sales.shared.Period;
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

/** Partner performance, and marking an account as a partner (managers and admins). */
@Controller
@RequestMapping("/partners")
class PartnerController {

	private final PartnerService partners;

	PartnerController(PartnerService partners) {
		this.partners = partners;
	}

	/** {@code ?period=2026-Q4} or {@code 2026-11}; none for all time. */
	@GetMapping
	String performance(@AuthenticationPrincipal CrmUser me, @RequestParam(required = false) String period,
			Model model) {
		Period p = null;
		if (period != null && !period.isBlank()) {
			try {
				p = Period.parse(period);
			}
			catch (IllegalArgumentException ex) {
				model.addAttribute("flashError", "forecast.period.invalid");
			}
		}
		model.addAttribute("period", p);
		model.addAttribute("lines", partners.performance(Visibility.of(me), p));
		return "sales/partners";
	}

	@GetMapping("/accounts/{accountId}")
	String form(@PathVariable long accountId, @AuthenticationPrincipal CrmUser me, Model model) {
		var partner = partners.get(accountId, Visibility.of(me));
		model.addAttribute("partner", partner);
		model.addAttribute("form", PartnerForm.of(partner));
		model.addAttribute("types", PartnerType.values());
		return "sales/partner-form";
	}

	@PostMapping("/accounts/{accountId}")
	String mark(@PathVariable long accountId, @Valid @ModelAttribute("form") PartnerForm form, BindingResult result,
			@AuthenticationPrincipal CrmUser me, Model model, RedirectAttributes redirect) {
		if (result.hasErrors()) {
			model.addAttribute("partner", partners.get(accountId, Visibility.of(me)));
			model.addAttribute("types", PartnerType.values());
			return "sales/partner-form";
		}
		partners.mark(accountId, form.getType(), form.getSince(), form.getVersion(), Visibility.of(me));
		redirect.addFlashAttribute("flash", "flash.partner.saved");
		return "redirect:/accounts/" + accountId;
	}

	@PostMapping("/accounts/{accountId}/remove")
	@OnRuleViolation(redirect = "/partners/accounts/{accountId}")
	String unmark(@PathVariable long accountId, @RequestParam long version, @AuthenticationPrincipal CrmUser me,
			RedirectAttributes redirect) {
		partners.unmark(accountId, version, Visibility.of(me));
		redirect.addFlashAttribute("flash", "flash.partner.removed");
		return "redirect:/accounts/" + accountId;
	}

}
