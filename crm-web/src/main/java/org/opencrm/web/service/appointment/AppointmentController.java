package org.opencrm.web.service.appointment;

import jakarta.validation.Valid;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.opencrm.core.account.AccountService;
import org.opencrm.core.contact.ContactLookup;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.Visibility;
import org.opencrm.core.user.Role;
import org.opencrm.core.user.UserDirectory;
import org.opencrm.service.appointment.AppointmentKind;
import org.opencrm.service.appointment.AppointmentService;
import org.opencrm.service.appointment.AppointmentCalendar;
import org.opencrm.service.appointment.AppointmentOutcomes;
import org.opencrm.web.picker.Picked;
import org.opencrm.web.picker.PickerKind;
import org.opencrm.web.picker.Pickers;
import org.opencrm.web.system.Formats;
import org.opencrm.web.system.Forms;
import org.opencrm.web.system.OnRuleViolation;
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
 * Booking service appointments for a customer, and closing them (done, cancelled,
 * no-show).
 */
@Controller
@RequestMapping("/service/appointments")
class AppointmentController {

	private final AppointmentService appointments;

	private final AppointmentCalendar calendar;

	private final AppointmentOutcomes outcomes;

	private final AccountService accounts;

	private final ContactLookup contacts;

	private final UserDirectory users;

	private final Formats fmt;

	private final Pickers pickers;

	AppointmentController(AppointmentService appointments, AppointmentCalendar calendar, AppointmentOutcomes outcomes,
			AccountService accounts, ContactLookup contacts, UserDirectory users, Formats fmt, Pickers pickers) {
		this.pickers = pickers;
		this.appointments = appointments;
		this.calendar = calendar;
		this.outcomes = outcomes;
		this.accounts = accounts;
		this.contacts = contacts;
		this.users = users;
		this.fmt = fmt;
	}

	@GetMapping("/new")
	String newForm(@AuthenticationPrincipal CrmUser me, @RequestParam(required = false) Long accountId,
			@RequestParam(required = false) Long contactId, @RequestParam(required = false) Long ticketId,
			Model model) {
		AppointmentForm form = new AppointmentForm();
		form.setAccountId(accountId);
		form.setContactId(contactId);
		form.setTicketId(ticketId);
		form.setAgentId(me.role() == Role.SUPPORT_AGENT ? me.id() : null);
		// Next full hour tomorrow, one hour long: a sensible default to adjust.
		LocalDateTime start = LocalDateTime.ofInstant(fmt.now(), fmt.zone()).truncatedTo(ChronoUnit.HOURS).plusDays(1);
		form.setStartsAt(start);
		form.setEndsAt(start.plusHours(1));
		model.addAttribute("form", form);
		if (picksTickets(me)) {
			model.addAttribute("ticketPicked", pickers.shown(PickerKind.TICKET, ticketId, me));
		}
		return form(model, form, me);
	}

	/** Tickets are the service desk's: only its roles choose one. */
	private static boolean picksTickets(CrmUser user) {
		return user.role() == Role.ADMIN || user.role() == Role.MANAGER || user.role() == Role.SUPPORT_AGENT;
	}

	@PostMapping
	@OnRuleViolation(form = "form")
	String create(@Valid @ModelAttribute("form") AppointmentForm form, BindingResult result,
			@RequestParam(required = false) String accountIdText, @RequestParam(required = false) String contactIdText,
			@RequestParam(required = false) String ticketIdText, @AuthenticationPrincipal CrmUser me, Model model,
			RedirectAttributes redirect) {
		if (form.getStartsAt() != null && form.getEndsAt() != null && !form.getEndsAt().isAfter(form.getStartsAt())) {
			result.rejectValue("endsAt", "appointment.endBeforeStart");
		}
		// The customer chosen with the pickers, or typed by name.
		Picked account = pickers.resolve(PickerKind.ACCOUNT, form.getAccountId(), accountIdText, me, result,
				"accountId");
		Picked contact = pickers.resolve(PickerKind.CONTACT, form.getContactId(), contactIdText, me, result,
				"contactId");
		form.setAccountId(account.isChosen() ? account.id() : null);
		form.setContactId(contact.isChosen() ? contact.id() : null);
		model.addAttribute("accountPicked", account);
		model.addAttribute("contactPicked", contact);
		if (picksTickets(me)) {
			// The service desk picks the ticket too (others keep the one it was opened
			// from: the service checks it exists).
			Picked ticket = pickers.resolve(PickerKind.TICKET, form.getTicketId(), ticketIdText, me, result,
					"ticketId");
			form.setTicketId(ticket.isChosen() ? ticket.id() : null);
			model.addAttribute("ticketPicked", ticket);
		}
		if (account.isEmpty() && contact.isEmpty()) {
			result.reject("appointment.customerRequired");
		}
		if (result.hasErrors()) {
			return form(model, form, me);
		}
		try {
			List<Long> ids = appointments.schedule(form.toCommand(fmt), me);
			redirect.addFlashAttribute("flash",
					ids.size() > 1 ? "flash.appointment.series" : "flash.appointment.created");
			return "redirect:/service/appointments/" + ids.get(0);
		}
		catch (NotFoundException ex) {
			// Unknown, or a customer the user may not see: the same message.
			result.reject("appointment.customerUnknown");
			return form(model, form, me);
		}
	}

	@GetMapping("/{id}")
	String show(@PathVariable long id, @AuthenticationPrincipal CrmUser me, Model model) {
		model.addAttribute("appointment", calendar.details(id, me));
		return "service/appointment/show";
	}

	@PostMapping("/{id}/complete")
	@OnRuleViolation(redirect = "/service/appointments/{id}")
	String complete(@PathVariable long id, @RequestParam(required = false) String outcome, @RequestParam long version,
			@AuthenticationPrincipal CrmUser me, RedirectAttributes redirect) {
		String text = Forms.trimmed(outcome);
		if (text != null && text.length() > 5000) {
			redirect.addFlashAttribute("flashError", "appointment.outcomeTooLong");
			return "redirect:/service/appointments/" + id;
		}
		return close(id, redirect, "flash.appointment.done", () -> outcomes.complete(id, text, version, me));
	}

	@PostMapping("/{id}/cancel")
	@OnRuleViolation(redirect = "/service/appointments/{id}")
	String cancel(@PathVariable long id, @RequestParam long version, @AuthenticationPrincipal CrmUser me,
			RedirectAttributes redirect) {
		return close(id, redirect, "flash.appointment.cancelled", () -> outcomes.cancel(id, version, me));
	}

	@PostMapping("/{id}/no-show")
	@OnRuleViolation(redirect = "/service/appointments/{id}")
	String noShow(@PathVariable long id, @RequestParam(required = false) String outcome, @RequestParam long version,
			@AuthenticationPrincipal CrmUser me, RedirectAttributes redirect) {
		String text = Forms.trimmed(outcome);
		if (text != null && text.length() > 5000) {
			redirect.addFlashAttribute("flashError", "appointment.outcomeTooLong");
			return "redirect:/service/appointments/" + id;
		}
		return close(id, redirect, "flash.appointment.noShow", () -> outcomes.noShow(id, text, version, me));
	}

	private String close(long id, RedirectAttributes redirect, String flash, Runnable action) {
		action.run();
		redirect.addFlashAttribute("flash", flash);
		return "redirect:/service/appointments/" + id;
	}

	private String form(Model model, AppointmentForm form, CrmUser me) {
		String customer = null;
		boolean visible = true;
		try {
			Visibility visibility = Visibility.of(me);
			if (form.getContactId() != null) {
				var c = contacts.details(form.getContactId(), visibility);
				customer = c.fullName() + (c.accountName() == null ? "" : " (" + c.accountName() + ")");
			}
			if (form.getAccountId() != null) {
				String name = accounts.details(form.getAccountId(), visibility).name();
				customer = customer == null ? name : customer;
			}
		}
		catch (NotFoundException ex) {
			// An unknown id, or a customer the user may not see: no name, no purchases;
			// the save reports it.
			visible = false;
			customer = null;
		}
		model.addAttribute("customerName", customer);
		if (!model.containsAttribute("accountPicked")) {
			model.addAttribute("accountPicked", Picked.none(PickerKind.ACCOUNT));
			model.addAttribute("contactPicked", Picked.none(PickerKind.CONTACT));
		}
		model.addAttribute("products",
				visible ? appointments.purchasedProducts(form.getAccountId(), form.getContactId()) : List.of());
		model.addAttribute("users", users.assignableUsers());
		model.addAttribute("kinds", AppointmentKind.values());
		model.addAttribute("repeats", AppointmentForm.Repeat.values());
		return "service/appointment/form";
	}

}
