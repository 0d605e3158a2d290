package org.opencrm.web.service.queue;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.Role;
import org.opencrm.core.user.UserDirectory;
import org.opencrm.service.queue.AgentQueue;
import org.opencrm.service.queue.BulkAction;
import org.opencrm.service.queue.BulkResult;
import org.opencrm.service.queue.QueueFilter;
import org.opencrm.service.queue.QueuePage;
import org.opencrm.service.queue.QueueService;
import org.opencrm.service.queue.QueueView;
import org.opencrm.service.ticket.TicketPriority;
import org.opencrm.service.ticket.TicketStatus;
import org.opencrm.service.ticket.TicketType;
import org.opencrm.web.system.Formats;
import org.opencrm.web.system.PageSize;
import org.opencrm.web.system.Paths;
import org.opencrm.web.system.OnRuleViolation;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The agent queue: views with counts, filters, "next ticket", bulk actions. The board
 * refreshes itself every 30 s through {@code /service/queue/board} (htmx), the same
 * content as the page.
 */
@Controller
@RequestMapping("/service/queue")
class QueueController {

	private final AgentQueue queue;

	private final QueueService queues;

	private final UserDirectory users;

	private final Formats fmt;

	private final MessageSource messages;

	QueueController(AgentQueue queue, QueueService queues, UserDirectory users, Formats fmt, MessageSource messages) {
		this.queue = queue;
		this.queues = queues;
		this.users = users;
		this.fmt = fmt;
		this.messages = messages;
	}

	@GetMapping
	String page(@RequestParam(required = false) QueueView view, @RequestParam(required = false) TicketStatus status,
			@RequestParam(required = false) TicketPriority priority, @RequestParam(required = false) TicketType type,
			@RequestParam(required = false) Long queue, @RequestParam(required = false) String tag,
			@RequestParam(required = false) String cursor, @AuthenticationPrincipal CrmUser me,
			HttpServletRequest request, Model model) {
		board(view, new QueueFilter(status, priority, type, queue, tag), cursor, me, model);
		model.addAttribute("query", request.getQueryString() == null ? "" : "?" + request.getQueryString());
		model.addAttribute("queues", queues.all());
		model.addAttribute("users", users.assignableUsers());
		model.addAttribute("statuses", TicketStatus.ACTIVE);
		model.addAttribute("priorities", TicketPriority.values());
		model.addAttribute("types", TicketType.values());
		return "service/queue/page";
	}

	/** Just the board (tabs, counts, rows), for the htmx poll. */
	@GetMapping("/board")
	String board(@RequestParam(required = false) QueueView view, @RequestParam(required = false) TicketStatus status,
			@RequestParam(required = false) TicketPriority priority, @RequestParam(required = false) TicketType type,
			@RequestParam(required = false) Long queue, @RequestParam(required = false) String tag,
			@RequestParam(required = false) String cursor, @AuthenticationPrincipal CrmUser me,
			HttpServletRequest request, Model model) {
		board(view, new QueueFilter(status, priority, type, queue, tag), cursor, me, model);
		model.addAttribute("query", request.getQueryString() == null ? "" : "?" + request.getQueryString());
		model.addAttribute("users", users.assignableUsers());
		model.addAttribute("statuses", TicketStatus.ACTIVE);
		model.addAttribute("priorities", TicketPriority.values());
		return "service/queue/page :: board";
	}

	private void board(QueueView view, QueueFilter filter, String cursor, CrmUser me, Model model) {
		boolean seesAll = me.role() == Role.ADMIN || me.role() == Role.MANAGER;
		QueueView v = view == null || view == QueueView.ALL && !seesAll ? QueueView.MINE : view;
		model.addAttribute("view", v);
		model.addAttribute("views", seesAll ? List.of(QueueView.values())
				: List.of(QueueView.MINE, QueueView.MY_QUEUES, QueueView.UNASSIGNED));
		model.addAttribute("filter", filter);
		QueuePage board = queue.list(v, filter, me.id(), seesAll, cursor, PageSize.LIST);
		model.addAttribute("board", board);
		Instant now = fmt.now();
		Locale locale = LocaleContextHolder.getLocale();
		model.addAttribute("lines",
				board.page().items().stream().map(t -> QueueLine.of(t, now, fmt, messages, locale)).toList());
	}

	@PostMapping("/next")
	String next(@AuthenticationPrincipal CrmUser me, RedirectAttributes redirect) {
		var id = queue.nextTicket(me.id());
		if (id.isEmpty()) {
			redirect.addFlashAttribute("flash", "queue.next.none");
			return "redirect:/service/queue";
		}
		// Said by the ticket page from the address, not by a flash attribute: an agent
		// presses "next" all day, and a flash attribute costs a session write here and
		// another on the page it goes to.
		return "redirect:/service/tickets/" + id.get() + "?claimed=true";
	}

	@PostMapping("/bulk")
	@OnRuleViolation(redirect = "/service/queue", backParam = "returnTo", under = "/service/queue")
	String bulk(@RequestParam(name = "ids", required = false) List<Long> ids,
			@RequestParam(required = false) BulkAction action, @RequestParam(required = false) String value,
			@RequestParam(defaultValue = "") String returnTo, RedirectAttributes redirect) {
		String back = Paths.localUnder(returnTo, "/service/queue", "/service/queue");
		if (ids == null || ids.isEmpty() || action == null) {
			redirect.addFlashAttribute("flashError", "queue.bulk.nothing");
			return "redirect:" + back;
		}
		BulkResult result = queue.bulk(ids, action, value);
		redirect.addFlashAttribute("flash", result.refused() == 0 ? "queue.bulk.done" : "queue.bulk.partly");
		return "redirect:" + back;
	}

}
