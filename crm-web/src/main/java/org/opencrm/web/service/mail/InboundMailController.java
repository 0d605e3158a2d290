package org.opencrm.web.service.mail;

import org.opencrm.service.mail.InboundMailList;
import org.opencrm.service.mail.InboundMailService;
import org.opencrm.service.mail.InboundStatus;
import org.opencrm.web.system.OnRuleViolation;
import org.opencrm.web.system.PageSize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Admins see the stored inbound e-mails (failed ones first by default) and retry failed
 * ones.
 */
@Controller
@RequestMapping("/admin/inbound-mail")
class InboundMailController {

	private final InboundMailService inbound;

	private final InboundMailList mailbox;

	InboundMailController(InboundMailService inbound, InboundMailList mailbox) {
		this.inbound = inbound;
		this.mailbox = mailbox;
	}

	@GetMapping
	String list(@RequestParam(required = false) InboundStatus status, @RequestParam(required = false) String cursor,
			Model model) {
		model.addAttribute("status", status);
		model.addAttribute("statuses", InboundStatus.values());
		model.addAttribute("page", mailbox.list(status, cursor, PageSize.LIST));
		return "admin/inbound-mail";
	}

	@PostMapping("/{id}/retry")
	@OnRuleViolation(redirect = "/admin/inbound-mail?status=FAILED")
	String retry(@PathVariable long id, RedirectAttributes redirect) {
		InboundStatus now = inbound.retry(id);
		redirect.addFlashAttribute(now == InboundStatus.FAILED ? "flashError" : "flash",
				now == InboundStatus.FAILED ? "mail.inbound.flash.stillFailed" : "mail.inbound.flash.retried");
		return "redirect:/admin/inbound-mail?status=FAILED";
	}

}
