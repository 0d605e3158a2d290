package org.opencrm.web.service.admin;

import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Runs an admin action and redirects back with its flash; a rule that refuses it is
 * answered by ErrorPages, to the page the handler's {@code OnRuleViolation} names.
 */
final class Admin {

	private Admin() {
	}

	static String act(RedirectAttributes redirect, String back, String flash, Runnable action) {
		action.run();
		redirect.addFlashAttribute("flash", flash);
		return "redirect:" + back;
	}

}
