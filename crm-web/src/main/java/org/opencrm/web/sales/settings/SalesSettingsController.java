package org.opencrm.web.sales.settings;

import jakarta.validation.Valid;
import org.opencrm.sales.settings.SalesSettingsService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Sales settings (after-sale follow-up delay, untouched-lead threshold), for admins. */
@Controller
@RequestMapping("/admin/sales-settings")
class SalesSettingsController {

	private final SalesSettingsService settings;

	SalesSettingsController(SalesSettingsService settings) {
		this.settings = settings;
	}

	@GetMapping
	String form(Model model) {
		model.addAttribute("form", SalesSettingsForm.of(settings.get()));
		return "sales/settings";
	}

	@PostMapping
	String save(@Valid @ModelAttribute("form") SalesSettingsForm form, BindingResult result,
			RedirectAttributes redirect) {
		if (result.hasErrors()) {
			return "sales/settings";
		}
		settings.update(form.toSettings());
		redirect.addFlashAttribute("flash", "flash.saved");
		return "redirect:/admin/sales-settings";
	}

}
