package org.opencrm.web.service.portal;

import jakarta.validation.Valid;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.user.DuplicateNameException;
import org.opencrm.service.portal.PortalRegistration;
import org.opencrm.service.portal.PortalService;
import org.opencrm.web.security.NewPasswordCheck;
import org.opencrm.web.system.RuleErrors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Customers sign up for the portal here, confirm their address by the mailed link, then
 * sign in on the ordinary login page.
 */
@Controller
@RequestMapping("/portal")
class RegistrationController {

	private static final NewPasswordCheck.Fields PASSWORD = new NewPasswordCheck.Fields("password", "passwordRepeat",
			"portal.register.password.mismatch");

	private final PortalService portal;

	private final NewPasswordCheck newPassword;

	RegistrationController(PortalService portal, NewPasswordCheck newPassword) {
		this.portal = portal;
		this.newPassword = newPassword;
	}

	@GetMapping("/register")
	String form(Model model) {
		model.addAttribute("form", new RegistrationForm());
		return "portal/register";
	}

	@PostMapping("/register")
	String register(@Valid @ModelAttribute("form") RegistrationForm form, BindingResult result,
			RedirectAttributes redirect) {
		// The policy is the portal service's to apply (with the other sign-up rules);
		// here only the repeat.
		newPassword.checkRepeat(form.getPassword(), form.getPasswordRepeat(), PASSWORD, result);
		if (result.hasErrors()) {
			return "portal/register";
		}
		try {
			portal.register(new PortalRegistration(form.getUsername(), form.getFirstName(), form.getLastName(),
					form.getEmail(), form.getPassword()));
		}
		catch (DuplicateNameException ex) {
			result.rejectValue("username", "portal.register.username.taken");
			return "portal/register";
		}
		catch (RuleViolationException ex) {
			String field = ex.code().startsWith("password.") ? "password"
					: ex.code().startsWith("portal.register.email") ? "email"
							: ex.code().startsWith("portal.register.username") ? "username" : null;
			RuleErrors.bind(result, form, field, ex);
			return "portal/register";
		}
		redirect.addFlashAttribute("flash", "portal.flash.registered");
		return "redirect:/login?registered";
	}

	/** The link from the confirmation mail. */
	@GetMapping("/verify")
	String verify(@RequestParam(required = false) String token, RedirectAttributes redirect) {
		if (portal.confirmAddress(token)) {
			redirect.addFlashAttribute("flash", "portal.flash.confirmed");
			return "redirect:/login?confirmed";
		}
		redirect.addFlashAttribute("flashError", "portal.flash.badLink");
		return "redirect:/login";
	}

}
