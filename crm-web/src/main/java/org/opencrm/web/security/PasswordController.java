package org.opencrm.web.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;
import java.util.Set;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.UserPasswords;
import org.opencrm.core.user.WeakPasswordException;
import org.opencrm.web.system.RuleErrors;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Changing one's own password: staff at {@code /me/password} (the main layout), portal
 * customers at {@code /portal/password} (the portal's). The current password is required;
 * afterwards the user's other sessions end and this one gets a new id.
 */
@Controller
class PasswordController {

	private final UserPasswords users;

	private final NewPasswordCheck newPassword;

	private final UserSessions sessions;

	PasswordController(UserPasswords users, NewPasswordCheck newPassword, UserSessions sessions) {
		this.users = users;
		this.newPassword = newPassword;
		this.sessions = sessions;
	}

	@GetMapping("/me/password")
	String staffForm(Model model) {
		model.addAttribute("form", new PasswordChangeForm());
		return "security/password";
	}

	@PostMapping("/me/password")
	String staffChange(@Valid @ModelAttribute("form") PasswordChangeForm form, BindingResult result,
			@AuthenticationPrincipal CrmUser user, HttpServletRequest request, RedirectAttributes redirect) {
		return change(form, result, user, request, redirect, "security/password", "redirect:/");
	}

	@GetMapping("/portal/password")
	String portalForm(Model model) {
		model.addAttribute("form", new PasswordChangeForm());
		return "portal/password";
	}

	@PostMapping("/portal/password")
	String portalChange(@Valid @ModelAttribute("form") PasswordChangeForm form, BindingResult result,
			@AuthenticationPrincipal CrmUser user, HttpServletRequest request, RedirectAttributes redirect) {
		return change(form, result, user, request, redirect, "portal/password", "redirect:/portal");
	}

	private String change(PasswordChangeForm form, BindingResult result, CrmUser user, HttpServletRequest request,
			RedirectAttributes redirect, String view, String done) {
		newPassword.check(user.username(), form.getNewPassword(), form.getNewPasswordRepeat(),
				NewPasswordCheck.Fields.NEW_PASSWORD, result);
		if (result.hasErrors()) {
			return view;
		}
		try {
			users.changeOwnPassword(user.id(), form.getCurrentPassword(), form.getNewPassword());
		}
		catch (WeakPasswordException ex) {
			RuleErrors.bind(result, form, "newPassword", ex);
			return view;
		}
		catch (RuleViolationException ex) {
			RuleErrors.bind(result, form, "currentPassword", ex);
			return view;
		}
		// A new id for this session; the store still has it under the old id until the
		// request ends.
		HttpSession session = request.getSession(false);
		Set<String> keep = session == null ? Set.of() : Set.of(session.getId(), request.changeSessionId());
		sessions.endOthers(user.username(), keep);
		redirect.addFlashAttribute("flash", "flash.password.changed");
		return done;
	}

}
