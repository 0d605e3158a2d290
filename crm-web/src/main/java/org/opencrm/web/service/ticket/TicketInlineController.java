package org.opencrm.web.service.ticket;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.shared.StaleEditException;
import org.opencrm.core.user.UserDirectory;
import org.opencrm.core.user.UserSummary;
import org.opencrm.service.ticket.TicketActions;
import org.opencrm.service.ticket.TicketDetails;
import org.opencrm.service.ticket.TicketLookup;
import org.opencrm.service.ticket.TicketPriority;
import org.opencrm.service.ticket.TicketStatus;
import org.opencrm.web.system.InlineEdit;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Quick edits of a ticket's status, priority and assignee from the queue, the ticket list
 * and the ticket page, as the deal's: a click swaps the value for a small form (htmx),
 * saving swaps it back. The form carries the version it was drawn with and saves through
 * {@link TicketActions} like the ticket page's buttons (status flow, SLA re-planned,
 * assignee notified, audit): a stale one conflicts (with htmx the form says so and offers
 * the current version, without it is the conflict page). Without JavaScript the value
 * links to the small form as a page of its own, which goes back to the ticket when saved.
 * A closed ticket is final.
 */
@Controller
@RequestMapping("/service/tickets/{id}/inline/{field}")
class TicketInlineController {

	/** The fields a ticket offers for quick edits, as named in the address. */
	enum Field implements InlineEdit.Field {

		STATUS("ticket.status"), PRIORITY("ticket.priority"), ASSIGNEE("ticket.assignee");

		private final String label;

		Field(String label) {
			this.label = label;
		}

		@Override
		public String label() {
			return label;
		}

	}

	private final TicketActions actions;

	private final TicketLookup lookup;

	private final UserDirectory users;

	private final MessageSource messages;

	TicketInlineController(TicketActions actions, TicketLookup lookup, UserDirectory users, MessageSource messages) {
		this.actions = actions;
		this.lookup = lookup;
		this.users = users;
		this.messages = messages;
	}

	/**
	 * The small form ({@code cancel}, or a closed ticket: the value again, as it is now).
	 */
	@GetMapping
	String edit(@PathVariable long id, @PathVariable String field, @RequestParam(defaultValue = "false") boolean cancel,
			@RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
		Field f = InlineEdit.field(Field.class, field);
		TicketDetails ticket = lookup.details(id);
		if (cancel || ticket.status() == TicketStatus.CLOSED) {
			return htmx != null ? cell(model, ticket, f) : "redirect:/service/tickets/" + id;
		}
		model.addAttribute("inline", form(ticket, f, ticket.version(), current(ticket, f), null));
		return InlineEdit.view(htmx);
	}

	@PostMapping
	String save(@PathVariable long id, @PathVariable String field, @RequestParam(required = false) String value,
			@RequestParam long version, @RequestHeader(name = "HX-Request", required = false) String htmx,
			@RequestHeader(name = "HX-Current-URL", required = false) String page, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		Field f = InlineEdit.field(Field.class, field);
		TicketDetails ticket = lookup.details(id);
		String sent = value == null ? "" : value.trim();
		String problem;
		try {
			problem = apply(ticket, f, sent, version);
		}
		catch (StaleEditException | ObjectOptimisticLockingFailureException ex) {
			if (htmx == null) {
				throw ex;
			}
			// The current ticket and its version with what the agent chose: saving again
			// applies it to what is there now.
			TicketDetails current = lookup.details(id);
			model.addAttribute("inline", form(current, f, current.version(), sent, "inline.conflict.ticket"));
			return InlineEdit.view(htmx);
		}
		catch (RuleViolationException ex) {
			problem = messages.getMessage(ex.code(), ex.args(), ex.getMessage(), LocaleContextHolder.getLocale());
		}
		if (problem != null) {
			model.addAttribute("inline", form(ticket, f, version, sent, null).withProblem(problem));
			return InlineEdit.view(htmx);
		}
		if (htmx == null) {
			redirect.addFlashAttribute("flash", "flash.saved");
			return "redirect:/service/tickets/" + id;
		}
		if (InlineEdit.fromRecordPage(page, "/service/tickets/" + id)) {
			// The ticket page's actions, SLA and details follow the status, priority and
			// assignee (and its forms carry the version): it reloads.
			response.setHeader("HX-Refresh", "true");
		}
		return cell(model, lookup.details(id), f);
	}

	/**
	 * Saves the chosen value through the ticket's actions; the message for a value that
	 * can't be one, else null. Choosing the value it has changes nothing.
	 */
	private String apply(TicketDetails ticket, Field f, String value, long version) {
		Locale locale = LocaleContextHolder.getLocale();
		if (ticket.status() == TicketStatus.CLOSED) {
			return messages.getMessage("inline.ticket.closed", null, locale);
		}
		switch (f) {
			case STATUS -> {
				TicketStatus status = Arrays.stream(TicketStatus.values())
					.filter(s -> s.name().equals(value))
					.findFirst()
					.orElse(null);
				if (status == null || status != ticket.status() && !ticket.status().canMoveTo(status)) {
					return messages.getMessage("inline.status.invalid", null, locale);
				}
				actions.changeStatus(ticket.id(), status, version);
			}
			case PRIORITY -> {
				TicketPriority priority = Arrays.stream(TicketPriority.values())
					.filter(p -> p.name().equals(value))
					.findFirst()
					.orElse(null);
				if (priority == null) {
					return messages.getMessage("inline.priority.invalid", null, locale);
				}
				actions.changePriority(ticket.id(), priority, version);
			}
			case ASSIGNEE -> {
				Long assignee = value.isEmpty() ? null : InlineEdit.id(value);
				if (!value.isEmpty() && (assignee == null
						|| users.assignableUsers().stream().noneMatch(u -> u.id() == assignee.longValue()))) {
					return messages.getMessage("inline.assignee.invalid", null, locale);
				}
				if (!Objects.equals(assignee, ticket.assigneeId()) || version != ticket.version()) {
					actions.assign(ticket.id(), assignee, version);
				}
			}
		}
		return null;
	}

	private static String current(TicketDetails ticket, Field f) {
		return switch (f) {
			case STATUS -> ticket.status().name();
			case PRIORITY -> ticket.priority().name();
			case ASSIGNEE -> ticket.assigneeId() == null ? "" : String.valueOf(ticket.assigneeId());
		};
	}

	private InlineEdit form(TicketDetails ticket, Field f, long version, String value, String conflict) {
		Locale locale = LocaleContextHolder.getLocale();
		List<InlineEdit.Choice> choices = new ArrayList<>();
		switch (f) {
			case STATUS -> {
				// The status it has, then those it may move to, in the flow's order.
				for (TicketStatus s : TicketStatus.values()) {
					if (s == ticket.status() || ticket.status().canMoveTo(s)) {
						choices.add(new InlineEdit.Choice(s.name(),
								messages.getMessage("ticket.status." + s, null, locale)));
					}
				}
			}
			case PRIORITY -> {
				for (TicketPriority p : TicketPriority.values()) {
					choices.add(
							new InlineEdit.Choice(p.name(), messages.getMessage("ticket.priority." + p, null, locale)));
				}
			}
			case ASSIGNEE -> {
				choices.add(new InlineEdit.Choice("", messages.getMessage("ticket.unassigned", null, locale)));
				for (UserSummary u : users.assignableUsers()) {
					choices.add(new InlineEdit.Choice(String.valueOf(u.id()), u.fullName()));
				}
			}
		}
		return new InlineEdit("/service/tickets/" + ticket.id() + "/inline/" + f.path(), cellId(ticket.id(), f),
				messages.getMessage(f.label(), null, locale), version, value, choices, null, null, null, conflict,
				"/service/tickets/" + ticket.id(), ticket.number());
	}

	private String cell(Model model, TicketDetails ticket, Field f) {
		model.addAttribute("ticket", ticket);
		model.addAttribute("field", f.path());
		return "service/ticket/inline :: saved";
	}

	static String cellId(long id, Field f) {
		return "ticket-" + id + "-" + f.path();
	}

}
