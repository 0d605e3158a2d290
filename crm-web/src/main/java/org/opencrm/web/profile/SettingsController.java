package org.opencrm.web.profile;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import org.opencrm.core.config.CrmSettings;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.UserSettings;
import org.opencrm.web.system.OnRuleViolation;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A user's own settings: language, time zone and (staff) the hour of the daily digest;
 * staff at {@code /me/settings}, portal customers at {@code /portal/settings}. Saved,
 * they apply from the next page on (the signed-in user in the session carries them); an
 * unknown language or zone comes back on its field.
 */
@Controller
class SettingsController {

	private final UserSettings settings;

	private final SignedInUser signedIn;

	private final CrmSettings install;

	SettingsController(UserSettings settings, SignedInUser signedIn, CrmSettings install) {
		this.settings = settings;
		this.signedIn = signedIn;
		this.install = install;
	}

	@ModelAttribute
	void choices(Model model) {
		model.addAttribute("languages", UserSettings.LANGUAGES);
		model.addAttribute("zones", UserSettings.ZONES);
		model.addAttribute("installZone", install.timeZone());
	}

	@GetMapping("/me/settings")
	String staffForm(@AuthenticationPrincipal CrmUser me, Model model) {
		model.addAttribute("form", SettingsForm.of(settings.of(me.id())));
		return "profile/settings";
	}

	@PostMapping("/me/settings")
	@OnRuleViolation(form = "form")
	String staffSave(@Valid @ModelAttribute("form") SettingsForm form, BindingResult result,
			@AuthenticationPrincipal CrmUser me, HttpServletRequest request, HttpServletResponse response,
			RedirectAttributes redirect) {
		return save(form, result, me, request, response, redirect, "profile/settings", "/me/settings");
	}

	/** Portal customers choose their language and zone too (they get no digest). */
	@GetMapping("/portal/settings")
	String portalForm(@AuthenticationPrincipal CrmUser me, Model model) {
		model.addAttribute("form", SettingsForm.of(settings.of(me.id())));
		return "portal/settings";
	}

	@PostMapping("/portal/settings")
	@OnRuleViolation(form = "form")
	String portalSave(@Valid @ModelAttribute("form") SettingsForm form, BindingResult result,
			@AuthenticationPrincipal CrmUser me, HttpServletRequest request, HttpServletResponse response,
			RedirectAttributes redirect) {
		return save(form, result, me, request, response, redirect, "portal/settings", "/portal/settings");
	}

	private String save(SettingsForm form, BindingResult result, CrmUser me, HttpServletRequest request,
			HttpServletResponse response, RedirectAttributes redirect, String view, String page) {
		if (result.hasErrors()) {
			return view;
		}
		signedIn.replace(settings.save(me, form.toChoice()), request, response);
		redirect.addFlashAttribute("flash", "flash.settings.saved");
		return "redirect:" + page;
	}

}
