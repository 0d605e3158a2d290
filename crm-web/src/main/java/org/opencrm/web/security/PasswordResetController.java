package org.opencrm.web.security;

import jakarta.validation.Valid;
import java.util.Optional;
import org.opencrm.core.user.PasswordResets;
import org.opencrm.core.user.WeakPasswordException;
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
 * "Forgot password?" for staff and portal customers: ask for a link (always the same
 * answer, so the page tells nobody which accounts exist), then choose a new password
 * through it.
 */
@Controller
@RequestMapping("/login")
class PasswordResetController {

	private final PasswordResets resets;

	private final NewPasswordCheck newPassword;

	private final UserSessions sessions;

	PasswordResetController(PasswordResets resets, NewPasswordCheck newPassword, UserSessions sessions) {
		this.resets = resets;
		this.newPassword = newPassword;
		this.sessions = sessions;
	}

	@GetMapping("/forgot")
	String forgotForm(Model model) {
		model.addAttribute("form", new ForgotPasswordForm());
		return "security/forgot";
	}

	@PostMapping("/forgot")
	String forgot(@Valid @ModelAttribute("form") ForgotPasswordForm form, BindingResult result,
			RedirectAttributes redirect) {
		if (result.hasErrors()) {
			return "security/forgot";
		}
		resets.request(form.getIdentifier());
		redirect.addFlashAttribute("flash", "flash.reset.sent");
		return "redirect:/login";
	}

	@GetMapping("/reset")
	String resetForm(@RequestParam(required = false) String token, Model model, RedirectAttributes redirect) {
		if (resets.usernameFor(token).isEmpty()) {
			return badLink(redirect);
		}
		PasswordResetForm form = new PasswordResetForm();
		form.setToken(token);
		model.addAttribute("form", form);
		return "security/reset";
	}

	@PostMapping("/reset")
	String reset(@Valid @ModelAttribute("form") PasswordResetForm form, BindingResult result,
			RedirectAttributes redirect) {
		Optional<String> username = resets.usernameFor(form.getToken());
		if (username.isEmpty()) {
			return badLink(redirect);
		}
		newPassword.check(username.get(), form.getNewPassword(), form.getNewPasswordRepeat(),
				NewPasswordCheck.Fields.NEW_PASSWORD, result);
		if (result.hasErrors()) {
			return "security/reset";
		}
		Optional<String> done;
		try {
			done = resets.reset(form.getToken(), form.getNewPassword());
		}
		catch (WeakPasswordException ex) {
			result.rejectValue("newPassword", ex.code(), ex.args(), ex.getMessage());
			return "security/reset";
		}
		if (done.isEmpty()) {
			return badLink(redirect);
		}
		// Whoever had the old password is signed out everywhere.
		sessions.endOthers(done.get(), java.util.Set.of());
		redirect.addFlashAttribute("flash", "flash.reset.done");
		return "redirect:/login";
	}

	private static String badLink(RedirectAttributes redirect) {
		redirect.addFlashAttribute("flashError", "flash.reset.badLink");
		return "redirect:/login/forgot";
	}

}
