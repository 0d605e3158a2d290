package org.opencrm.web.admin;

import jakarta.validation.Valid;
import org.opencrm.core.audit.AuditTrail;
import org.opencrm.core.user.DuplicateNameException;
import org.opencrm.core.user.Role;
import org.opencrm.core.user.UserService;
import org.opencrm.core.user.UserDirectory;
import org.opencrm.web.security.NewPasswordCheck;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Users and teams, for admins. */
@Controller
@RequestMapping("/admin")
class UserAdminController {

	private final UserService users;

	private final UserDirectory directory;

	private final AuditTrail audit;

	private final NewPasswordCheck newPassword;

	UserAdminController(UserService users, UserDirectory directory, AuditTrail audit, NewPasswordCheck newPassword) {
		this.users = users;
		this.directory = directory;
		this.audit = audit;
		this.newPassword = newPassword;
	}

	@GetMapping("/users")
	String users(Model model) {
		model.addAttribute("users", directory.listUsers());
		model.addAttribute("teams", directory.listTeams());
		if (!model.containsAttribute("teamForm")) {
			model.addAttribute("teamForm", new TeamForm());
		}
		return "admin/users";
	}

	@GetMapping("/users/new")
	String newUser(Model model) {
		model.addAttribute("form", UserForm.empty());
		return form(model, null);
	}

	@PostMapping("/users")
	String create(@Valid @ModelAttribute("form") UserForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		newPassword.checkPolicy(form.getUsername(), form.getPassword(), "password", result);
		if (result.hasErrors()) {
			return form(model, null);
		}
		try {
			users.createUser(form.toCommand());
		}
		catch (DuplicateNameException ex) {
			result.rejectValue("username", "user.username.taken");
			return form(model, null);
		}
		redirect.addFlashAttribute("flash", "flash.user.created");
		return "redirect:/admin/users";
	}

	@GetMapping("/users/{id}/edit")
	String edit(@PathVariable long id, Model model) {
		model.addAttribute("form", UserForm.of(users.getUser(id)));
		model.addAttribute("history", audit.history("user", id, 20));
		return form(model, id);
	}

	@PostMapping("/users/{id}")
	String update(@PathVariable long id, @Valid @ModelAttribute("form") UserForm form, BindingResult result,
			Model model, RedirectAttributes redirect) {
		if (form.getPassword() != null && !form.getPassword().isEmpty()) {
			// The rule is about the account's real name, whatever the form says.
			newPassword.checkPolicy(users.getUser(id).username(), form.getPassword(), "password", result);
		}
		if (result.hasErrors()) {
			return form(model, id);
		}
		users.updateUser(id, form.toCommand());
		redirect.addFlashAttribute("flash", "flash.saved");
		return "redirect:/admin/users";
	}

	@PostMapping("/teams")
	String createTeam(@Valid @ModelAttribute("teamForm") TeamForm form, BindingResult result,
			RedirectAttributes redirect) {
		if (!result.hasErrors()) {
			try {
				users.createTeam(form.getName());
				redirect.addFlashAttribute("flash", "flash.team.created");
				return "redirect:/admin/users";
			}
			catch (DuplicateNameException ex) {
				result.rejectValue("name", "team.name.taken");
			}
		}
		redirect.addFlashAttribute("teamForm", form);
		redirect.addFlashAttribute(BindingResult.MODEL_KEY_PREFIX + "teamForm", result);
		redirect.addFlashAttribute("flashError", "flash.fixErrors");
		return "redirect:/admin/users#teams";
	}

	private String form(Model model, Long id) {
		model.addAttribute("userId", id);
		model.addAttribute("roles", Role.values());
		model.addAttribute("teams", directory.listTeams());
		return "admin/user-form";
	}

}
