package org.opencrm.web.service.admin;

import org.opencrm.core.user.UserDirectory;
import org.opencrm.service.queue.QueueService;
import org.opencrm.web.system.OnRuleViolation;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Queues, their member agents and each member's "available" flag (admins only). */
@Controller
@RequestMapping("/admin/queues")
class QueueAdminController {

	private final QueueService queues;

	private final UserDirectory users;

	QueueAdminController(QueueService queues, UserDirectory users) {
		this.queues = queues;
		this.users = users;
	}

	@GetMapping
	String page(Model model) {
		model.addAttribute("queues", queues.all());
		model.addAttribute("users", users.assignableUsers());
		return "service/admin/queues";
	}

	@PostMapping
	@OnRuleViolation(redirect = "/admin/queues")
	String create(@RequestParam(defaultValue = "") String name, @RequestParam(required = false) String description,
			RedirectAttributes redirect) {
		return Admin.act(redirect, "/admin/queues", "flash.saved", () -> queues.create(name, description));
	}

	@PostMapping("/{id}")
	@OnRuleViolation(redirect = "/admin/queues")
	String update(@PathVariable long id, @RequestParam(defaultValue = "") String name,
			@RequestParam(required = false) String description, @RequestParam long version,
			RedirectAttributes redirect) {
		return Admin.act(redirect, "/admin/queues", "flash.saved", () -> queues.update(id, name, description, version));
	}

	@PostMapping("/{id}/members")
	@OnRuleViolation(redirect = "/admin/queues")
	String addMember(@PathVariable long id, @RequestParam(required = false) Long userId, RedirectAttributes redirect) {
		if (userId == null) {
			redirect.addFlashAttribute("flashError", "queue.member.required");
			return "redirect:/admin/queues";
		}
		return Admin.act(redirect, "/admin/queues", "flash.saved", () -> queues.addMember(id, userId));
	}

	@PostMapping("/{id}/members/{userId}/available")
	@OnRuleViolation(redirect = "/admin/queues")
	String available(@PathVariable long id, @PathVariable long userId, @RequestParam boolean available,
			RedirectAttributes redirect) {
		return Admin.act(redirect, "/admin/queues", "flash.saved", () -> queues.setAvailable(id, userId, available));
	}

	@PostMapping("/{id}/members/{userId}/remove")
	@OnRuleViolation(redirect = "/admin/queues")
	String removeMember(@PathVariable long id, @PathVariable long userId, RedirectAttributes redirect) {
		return Admin.act(redirect, "/admin/queues", "flash.saved", () -> queues.removeMember(id, userId));
	}

}
