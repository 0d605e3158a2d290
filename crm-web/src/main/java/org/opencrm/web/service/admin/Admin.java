package org.opencrm.web.service.admin;

import org.opencrm.core.shared.RuleViolationException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Runs an admin action and redirects back, with the rule's message when one refused it. */
final class Admin {

	private Admin() {
	}

	static String act(RedirectAttributes redirect, String back, String flash, Runnable action) {
		try {
			action.run();
			redirect.addFlashAttribute("flash", flash);
		}
		catch (RuleViolationException ex) {
			redirect.addFlashAttribute("flashError", ex.code());
		}
		return "redirect:" + back;
	}
}
