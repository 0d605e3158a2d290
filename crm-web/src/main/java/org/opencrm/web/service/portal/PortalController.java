package org.opencrm.web.service.portal;

import jakarta.validation.Valid;
import org.opencrm.core.user.CrmUser;
import org.opencrm.service.portal.PortalService;
import org.opencrm.service.ticket.AttachmentContent;
import org.opencrm.service.ticket.OpenedTicket;
import org.opencrm.service.ticket.TicketType;
import org.opencrm.web.system.OnRuleViolation;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The customer's portal: their tickets, a new ticket, one ticket's public conversation
 * and the reply form. Someone else's ticket is "not found".
 */
@Controller
@RequestMapping("/portal")
class PortalController {

	private final PortalService portal;

	PortalController(PortalService portal) {
		this.portal = portal;
	}

	@GetMapping
	String home(@AuthenticationPrincipal CrmUser me, @RequestParam(required = false) String cursor, Model model) {
		model.addAttribute("page", portal.tickets(me.id(), cursor));
		return "portal/home";
	}

	@GetMapping("/tickets/new")
	String newTicket(Model model) {
		model.addAttribute("form", new PortalTicketForm());
		model.addAttribute("types", TicketType.values());
		return "portal/new";
	}

	@PostMapping("/tickets")
	@OnRuleViolation(form = "form")
	String open(@AuthenticationPrincipal CrmUser me, @Valid @ModelAttribute("form") PortalTicketForm form,
			BindingResult result, Model model, RedirectAttributes redirect) {
		if (!result.hasErrors()) {
			OpenedTicket opened = portal.open(me.id(), form.getSubject().strip(), form.getDescription().strip(),
					form.getType());
			redirect.addFlashAttribute("flash", "portal.flash.opened");
			return "redirect:/portal/tickets/" + opened.id();
		}
		model.addAttribute("types", TicketType.values());
		return "portal/new";
	}

	@GetMapping("/tickets/{id}")
	String show(@AuthenticationPrincipal CrmUser me, @PathVariable long id, Model model) {
		model.addAttribute("ticket", portal.ticket(me.id(), id));
		if (!model.containsAttribute("replyForm")) {
			model.addAttribute("replyForm", new PortalReplyForm());
		}
		return "portal/ticket";
	}

	@PostMapping("/tickets/{id}/replies")
	@OnRuleViolation(form = "replyForm")
	String reply(@AuthenticationPrincipal CrmUser me, @PathVariable long id,
			@Valid @ModelAttribute("replyForm") PortalReplyForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		if (!result.hasErrors()) {
			portal.reply(me.id(), id, form.getBody().strip());
			redirect.addFlashAttribute("flash", "portal.flash.replied");
			return "redirect:/portal/tickets/" + id;
		}
		model.addAttribute("ticket", portal.ticket(me.id(), id));
		return "portal/ticket";
	}

	@GetMapping("/tickets/{id}/attachments/{attachmentId}")
	ResponseEntity<byte[]> attachment(@AuthenticationPrincipal CrmUser me, @PathVariable long id,
			@PathVariable long attachmentId) {
		AttachmentContent file = portal.attachment(me.id(), id, attachmentId);
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment()
						.filename(file.filename(), java.nio.charset.StandardCharsets.UTF_8)
						.build()
						.toString())
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.body(file.data());
	}

}
