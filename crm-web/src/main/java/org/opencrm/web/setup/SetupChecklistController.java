package org.opencrm.web.setup;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The admin's set-up steps, each done or not from the install's state; also the admin's
 * start page until dismissed ({@link SetupChecklist}).
 */
@Controller
@RequestMapping("/admin/setup")
class SetupChecklistController {

	static final String VIEW = "admin/setup";

	private final SetupChecklist checklist;

	SetupChecklistController(SetupChecklist checklist) {
		this.checklist = checklist;
	}

	@GetMapping
	String show(Model model) {
		model.addAttribute("steps", checklist.steps());
		model.addAttribute("dismissed", checklist.dismissed());
		return VIEW;
	}

	@PostMapping("/dismiss")
	String dismiss(RedirectAttributes redirect) {
		checklist.dismiss();
		redirect.addFlashAttribute("flash", "setup.dismissed");
		return "redirect:/";
	}

	@PostMapping("/reopen")
	String reopen(RedirectAttributes redirect) {
		checklist.reopen();
		redirect.addFlashAttribute("flash", "setup.reopened");
		return "redirect:/admin/setup";
	}

}
