package org.opencrm.web.service.ticket;

import jakarta.validation.Valid;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.opencrm.core.access.AccountAccess;
import org.opencrm.core.audit.AuditTrail;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.UserDirectory;
import org.opencrm.core.user.UserSummary;
import org.opencrm.core.user.Visibility;
import org.opencrm.core.workflow.WorkflowRuns;
import org.opencrm.service.canned.CannedReplies;
import org.opencrm.service.queue.QueueService;
import org.opencrm.service.sla.SlaMonitor;
import org.opencrm.service.ticket.AddReply;
import org.opencrm.service.ticket.AttachmentContent;
import org.opencrm.service.ticket.OpenedTicket;
import org.opencrm.service.ticket.ReplyAuthor;
import org.opencrm.service.ticket.ReturnStatus;
import org.opencrm.service.ticket.TicketChannel;
import org.opencrm.service.ticket.TicketDetails;
import org.opencrm.service.ticket.TicketFilter;
import org.opencrm.service.ticket.TicketList;
import org.opencrm.service.ticket.TicketPriority;
import org.opencrm.service.ticket.TicketService;
import org.opencrm.service.ticket.TicketLookup;
import org.opencrm.service.ticket.TicketReplies;
import org.opencrm.service.ticket.TicketActions;
import org.opencrm.service.ticket.TicketStatus;
import org.opencrm.service.ticket.TicketType;
import org.opencrm.web.system.ErrorPages;
import org.opencrm.web.system.OnRuleViolation;
import org.opencrm.web.system.PageSize;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The ticket list, the ticket page (conversation, details, SLA, actions) and logging a
 * new ticket.
 */
@Controller
@RequestMapping("/service/tickets")
class TicketController {

	/** The latest rule runs shown in the ticket's Automation section. */
	static final int AUTOMATION_RUNS = 5;

	private final TicketService tickets;

	private final TicketLookup ticketLookup;

	private final TicketReplies ticketReplies;

	private final TicketActions ticketActions;

	private final TicketList list;

	private final QueueService queues;

	private final UserDirectory users;

	private final CannedReplies canned;

	private final SlaMonitor sla;

	private final AuditTrail audit;

	private final AccountAccess access;

	private final WorkflowRuns workflowRuns;

	TicketController(TicketService tickets, TicketLookup ticketLookup, TicketReplies ticketReplies,
			TicketActions ticketActions, TicketList list, QueueService queues, UserDirectory users,
			CannedReplies canned, SlaMonitor sla, AuditTrail audit, AccountAccess access, WorkflowRuns workflowRuns) {
		this.access = access;
		this.workflowRuns = workflowRuns;
		this.sla = sla;
		this.audit = audit;
		this.tickets = tickets;
		this.ticketLookup = ticketLookup;
		this.ticketReplies = ticketReplies;
		this.ticketActions = ticketActions;
		this.list = list;
		this.queues = queues;
		this.users = users;
		this.canned = canned;
	}

	@GetMapping
	String list(@RequestParam(required = false) TicketStatus status,
			@RequestParam(required = false) TicketPriority priority, @RequestParam(required = false) TicketType type,
			@RequestParam(required = false) Long queue, @RequestParam(required = false) String tag,
			@RequestParam(required = false) Long account, @RequestParam(required = false) Long contact,
			@RequestParam(required = false) Long team, @RequestParam(required = false) String q,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate openedFrom,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate openedTo,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate openOn,
			@RequestParam(required = false) String cursor, Model model) {
		TicketFilter filter = new TicketFilter(status, priority, type, queue, null, contact, account, tag, team,
				openedFrom, openedTo, openOn, q);
		model.addAttribute("filter", filter);
		model.addAttribute("page", list.list(filter, cursor, PageSize.LIST));
		model.addAttribute("queues", queues.all());
		addChoices(model);
		return "service/ticket/list";
	}

	/**
	 * For a contact only one the user may see: another's is the not-found page, like an
	 * unknown one.
	 */
	@GetMapping("/new")
	String newForm(@RequestParam(required = false) Long contactId, @AuthenticationPrincipal CrmUser me, Model model) {
		if (contactId != null) {
			access.requireContact(contactId, Visibility.of(me));
		}
		OpenTicketForm form = new OpenTicketForm();
		form.setContactId(contactId);
		model.addAttribute("form", form);
		return form(model);
	}

	@PostMapping
	@OnRuleViolation(form = "form")
	String create(@Valid @ModelAttribute("form") OpenTicketForm form, BindingResult result,
			@RequestParam(name = "files", required = false) List<MultipartFile> files,
			@AuthenticationPrincipal CrmUser me, Model model, RedirectAttributes redirect) {
		if (form.getContactId() == null && (form.getEmail() == null || form.getEmail().isBlank())) {
			result.rejectValue("email", "ticket.customer.required");
		}
		if (result.hasErrors()) {
			return form(model);
		}
		OpenedTicket opened = tickets.open(form.toCommand(Uploads.attachments(files)), Visibility.of(me));
		redirect.addFlashAttribute("flash", "flash.ticket.opened");
		return "redirect:/service/tickets/" + opened.id();
	}

	@GetMapping("/{id}")
	String show(@PathVariable long id, @RequestParam(required = false) Long canned,
			@RequestParam(defaultValue = "false") boolean claimed, @AuthenticationPrincipal CrmUser me, Model model) {
		if (claimed && !model.containsAttribute("flash")) {
			// "Next ticket" lands here with ?claimed=true (QueueController.next).
			model.addAttribute("flash", "flash.ticket.claimed");
		}
		TicketDetails ticket = ticketLookup.details(id);
		model.addAttribute("ticket", ticket);
		if (!model.containsAttribute("edit")) {
			model.addAttribute("edit", EditTicketForm.of(ticket));
		}
		model.addAttribute("replyBody", canned == null ? "" : this.canned.render(canned, id, me.fullName()));
		model.addAttribute("cannedReplies", this.canned.all());
		model.addAttribute("queues", queues.all());
		List<UserSummary> assignable = users.assignableUsers();
		model.addAttribute("users", assignable);
		reapply(ticket, assignable, model);
		model.addAttribute("slaEvents", sla.eventsFor(id));
		model.addAttribute("history", audit.history("ticket", id, PageSize.SECTION));
		model.addAttribute("automation", workflowRuns.forRecord("ticket", id, AUTOMATION_RUNS));
		addChoices(model);
		return "service/ticket/show";
	}

	/**
	 * The reply box with a canned reply filled in (htmx swaps it in; without JS the page
	 * reloads with it).
	 */
	@GetMapping("/{id}/reply-box")
	String replyBox(@PathVariable long id, @RequestParam(required = false) Long canned,
			@AuthenticationPrincipal CrmUser me, Model model) {
		model.addAttribute("ticket", ticketLookup.details(id));
		model.addAttribute("replyBody", canned == null ? "" : this.canned.render(canned, id, me.fullName()));
		model.addAttribute("cannedReplies", this.canned.all());
		return "service/ticket/show :: replyBox";
	}

	@PostMapping("/{id}/reply")
	String reply(@PathVariable long id, @RequestParam(defaultValue = "") String body,
			@RequestParam(defaultValue = "false") boolean internal,
			@RequestParam(name = "files", required = false) List<MultipartFile> files,
			@AuthenticationPrincipal CrmUser me, RedirectAttributes redirect) {
		try {
			ticketReplies.addReply(id,
					new AddReply(ReplyAuthor.agent(me.id()), body, internal, Uploads.attachments(files), null));
			redirect.addFlashAttribute("flash", internal ? "flash.ticket.noted" : "flash.ticket.replied");
		}
		catch (RuleViolationException ex) {
			redirect.addFlashAttribute("flashError", ex.code());
			redirect.addFlashAttribute("replyDraft", body);
		}
		return "redirect:/service/tickets/" + id;
	}

	@PostMapping("/{id}/status")
	@OnRuleViolation(redirect = "/service/tickets/{id}")
	String status(@PathVariable long id, @RequestParam TicketStatus status, @RequestParam long version,
			RedirectAttributes redirect) {
		return act(id, redirect, "flash.ticket.status", () -> ticketActions.changeStatus(id, status, version));
	}

	@PostMapping("/{id}/assign")
	@OnRuleViolation(redirect = "/service/tickets/{id}")
	String assign(@PathVariable long id, @RequestParam(required = false) Long assigneeId, @RequestParam long version,
			RedirectAttributes redirect) {
		return act(id, redirect, "flash.ticket.assigned", () -> ticketActions.assign(id, assigneeId, version));
	}

	@PostMapping("/{id}/claim")
	@OnRuleViolation(redirect = "/service/tickets/{id}")
	String claim(@PathVariable long id, @AuthenticationPrincipal CrmUser me, RedirectAttributes redirect) {
		return act(id, redirect, "flash.ticket.claimed", () -> ticketActions.claim(id, me.id()));
	}

	@PostMapping("/{id}/reroute")
	@OnRuleViolation(redirect = "/service/tickets/{id}")
	String reroute(@PathVariable long id, RedirectAttributes redirect) {
		return act(id, redirect, null, () -> redirect.addFlashAttribute("flash",
				ticketActions.reroute(id) ? "flash.ticket.rerouted" : "flash.ticket.noRoute"));
	}

	@PostMapping("/{id}/merge")
	@OnRuleViolation(redirect = "/service/tickets/{id}")
	String merge(@PathVariable long id, @RequestParam(defaultValue = "") String target,
			@AuthenticationPrincipal CrmUser me, RedirectAttributes redirect) {
		var targetId = ticketLookup.idByNumber(target);
		if (targetId.isEmpty()) {
			redirect.addFlashAttribute("flashError", "ticket.merge.unknown");
			return "redirect:/service/tickets/" + id;
		}
		return act(id, redirect, "flash.ticket.merged", () -> ticketActions.merge(id, targetId.get(), me.id()));
	}

	@PostMapping("/{id}")
	@OnRuleViolation(redirect = "/service/tickets/{id}")
	String update(@PathVariable long id, @Valid @ModelAttribute("edit") EditTicketForm edit, BindingResult result,
			RedirectAttributes redirect) {
		if (result.hasErrors()) {
			redirect.addFlashAttribute("org.springframework.validation.BindingResult.edit", result);
			redirect.addFlashAttribute("edit", edit);
			redirect.addFlashAttribute("flashError", "ticket.edit.invalid");
			return "redirect:/service/tickets/" + id;
		}
		return act(id, redirect, "flash.saved", () -> ticketActions.update(id, edit.toCommand()));
	}

	@GetMapping("/{id}/attachments/{attachmentId}")
	ResponseEntity<byte[]> attachment(@PathVariable long id, @PathVariable long attachmentId) {
		AttachmentContent file = ticketLookup.attachment(id, attachmentId);
		// Always a download, never rendered in the page's origin (an uploaded HTML file
		// must not run).
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment()
						.filename(file.filename(), StandardCharsets.UTF_8)
						.build()
						.toString())
			.body(file.data());
	}

	/**
	 * After a conflict ({@code ErrorPages}' flash attribute {@code sent}): the status
	 * move or assignee the agent sent, offered again against the current version when it
	 * still applies (a status the ticket may move to now, a user who may be assigned).
	 */
	@SuppressWarnings("unchecked")
	private static void reapply(TicketDetails ticket, List<UserSummary> assignable, Model model) {
		if (!(model.getAttribute(ErrorPages.SENT) instanceof Map<?, ?> sent)) {
			return;
		}
		Object status = sent.get("status");
		ticket.nextStatuses()
			.stream()
			.filter(s -> s.name().equals(status))
			.findFirst()
			.ifPresent(s -> model.addAttribute("reapplyStatus", s));
		Object assignee = sent.get("assigneeId");
		assignable.stream()
			.filter(u -> String.valueOf(u.id()).equals(assignee) && !Objects.equals(u.id(), ticket.assigneeId()))
			.findFirst()
			.ifPresent(u -> model.addAttribute("reapplyAssignee", u));
	}

	private String act(long id, RedirectAttributes redirect, String flash, Runnable action) {
		action.run();
		if (flash != null) {
			redirect.addFlashAttribute("flash", flash);
		}
		return "redirect:/service/tickets/" + id;
	}

	private String form(Model model) {
		model.addAttribute("queues", queues.all());
		addChoices(model);
		return "service/ticket/form";
	}

	private static void addChoices(Model model) {
		model.addAttribute("statuses", TicketStatus.values());
		model.addAttribute("priorities", TicketPriority.values());
		model.addAttribute("types", TicketType.values());
		model.addAttribute("channels", TicketChannel.values());
		model.addAttribute("returnStatuses", ReturnStatus.values());
	}

}
