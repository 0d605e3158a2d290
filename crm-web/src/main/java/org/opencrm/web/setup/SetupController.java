package org.opencrm.web.setup;

import jakarta.validation.Valid;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.web.security.NewPasswordCheck;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The one-time page that creates the first admin of an empty install. It exists only
 * while there is no user and answers only with the token printed in the log; afterwards
 * it is a 404.
 */
@Controller
@RequestMapping("/setup")
class SetupController {

	private static final NewPasswordCheck.Fields PASSWORD = new NewPasswordCheck.Fields("password", "confirmPassword",
			"setup.password.mismatch");

	private final FirstAdmin firstAdmin;

	private final NewPasswordCheck newPassword;

	SetupController(FirstAdmin firstAdmin, NewPasswordCheck newPassword) {
		this.firstAdmin = firstAdmin;
		this.newPassword = newPassword;
	}

	@GetMapping
	String form(@RequestParam(required = false) String token, Model model) {
		requireOpen(token);
		SetupForm form = new SetupForm();
		form.setToken(token);
		model.addAttribute("form", form);
		return "setup";
	}

	@PostMapping
	String create(@Valid @ModelAttribute("form") SetupForm form, BindingResult result) {
		requireOpen(form.getToken());
		newPassword.check(form.getUsername(), form.getPassword(), form.getConfirmPassword(), PASSWORD, result);
		if (result.hasErrors()) {
			form.setPassword(null);
			form.setConfirmPassword(null);
			return "setup";
		}
		if (!firstAdmin.createFromSetup(form.getToken(), form.getUsername(), form.getFullName(), form.getEmail(),
				form.getPassword())) {
			throw new NotFoundException("Set-up", "page");
		}
		return "redirect:/login?setup";
	}

	/** No user yet and the logged token, or the page does not exist. */
	private void requireOpen(String token) {
		if (!firstAdmin.accepts(token)) {
			throw new NotFoundException("Set-up", "page");
		}
	}

}
