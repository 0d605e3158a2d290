package org.opencrm.web.service.admin;

import org.opencrm.core.user.UserDirectory;
import org.opencrm.service.queue.QueueService;
import org.opencrm.service.routing.RoutingRules;
import org.opencrm.service.routing.RuleCommand;
import org.opencrm.service.ticket.TicketChannel;
import org.opencrm.service.ticket.TicketPriority;
import org.opencrm.service.ticket.TicketType;
import org.opencrm.service.tier.ServiceTier;
import org.opencrm.web.system.OnRuleViolation;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Ordered routing rules: add, edit, enable, reorder, delete (admins only). */
@Controller
@RequestMapping("/admin/routing")
class RoutingAdminController {

	private final RoutingRules rules;

	private final QueueService queues;

	private final UserDirectory users;

	RoutingAdminController(RoutingRules rules, QueueService queues, UserDirectory users) {
		this.rules = rules;
		this.queues = queues;
		this.users = users;
	}

	@GetMapping
	String page(Model model) {
		model.addAttribute("rules", rules.all());
		model.addAttribute("queues", queues.all());
		model.addAttribute("users", users.assignableUsers());
		model.addAttribute("types", TicketType.values());
		model.addAttribute("priorities", TicketPriority.values());
		model.addAttribute("channels", TicketChannel.values());
		model.addAttribute("tiers", ServiceTier.values());
		return "service/admin/routing";
	}

	@PostMapping
	@OnRuleViolation(redirect = "/admin/routing")
	String create(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "false") boolean enabled,
			@RequestParam(required = false) TicketType ticketType,
			@RequestParam(required = false) TicketPriority priority,
			@RequestParam(required = false) TicketChannel channel, @RequestParam(required = false) ServiceTier tier,
			@RequestParam(required = false) String keywords, @RequestParam(required = false) Long queueId,
			@RequestParam(required = false) Long assigneeId, @RequestParam(defaultValue = "false") boolean roundRobin,
			RedirectAttributes redirect) {
		return Admin.act(redirect, "/admin/routing", "flash.saved", () -> rules.create(new RuleCommand(name, enabled,
				ticketType, priority, channel, tier, keywords, queueId, assigneeId, roundRobin, 0)));
	}

	@PostMapping("/{id}")
	@OnRuleViolation(redirect = "/admin/routing")
	String update(@PathVariable long id, @RequestParam(defaultValue = "") String name,
			@RequestParam(defaultValue = "false") boolean enabled,
			@RequestParam(required = false) TicketType ticketType,
			@RequestParam(required = false) TicketPriority priority,
			@RequestParam(required = false) TicketChannel channel, @RequestParam(required = false) ServiceTier tier,
			@RequestParam(required = false) String keywords, @RequestParam(required = false) Long queueId,
			@RequestParam(required = false) Long assigneeId, @RequestParam(defaultValue = "false") boolean roundRobin,
			@RequestParam long version, RedirectAttributes redirect) {
		return Admin.act(redirect, "/admin/routing", "flash.saved", () -> rules.update(id, new RuleCommand(name,
				enabled, ticketType, priority, channel, tier, keywords, queueId, assigneeId, roundRobin, version)));
	}

	@PostMapping("/{id}/move")
	@OnRuleViolation(redirect = "/admin/routing")
	String move(@PathVariable long id, @RequestParam boolean up, RedirectAttributes redirect) {
		return Admin.act(redirect, "/admin/routing", "flash.saved", () -> rules.move(id, up));
	}

	@PostMapping("/{id}/delete")
	@OnRuleViolation(redirect = "/admin/routing")
	String delete(@PathVariable long id, RedirectAttributes redirect) {
		return Admin.act(redirect, "/admin/routing", "flash.deleted", () -> rules.delete(id));
	}

}
