package org.opencrm.web.service.customer;

import org.opencrm.service.appointment.AppointmentService;
import org.opencrm.service.csat.CsatService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The customer-care block on an account's or contact's page (upcoming appointments, recent satisfaction
 * ratings), loaded by htmx so the customer page's own statement count stays flat; opened as a
 * plain link it is a page of its own.
 */
@Controller
@RequestMapping("/service/customers")
class CustomerCareSectionController {

	static final int ITEMS = 5;

	private final AppointmentService appointments;

	private final CsatService csat;

	CustomerCareSectionController(AppointmentService appointments, CsatService csat) {
		this.appointments = appointments;
		this.csat = csat;
	}

	@GetMapping("/accounts/{id}/care")
	String account(@PathVariable long id, @RequestHeader(name = "HX-Request", required = false) String htmx,
			Model model) {
		model.addAttribute("appointments", appointments.upcoming(id, null, ITEMS));
		model.addAttribute("ratings", csat.recent(id, null, ITEMS));
		model.addAttribute("accountId", id);
		model.addAttribute("contactId", null);
		return htmx != null ? "service/customer :: block" : "service/customer";
	}

	@GetMapping("/contacts/{id}/care")
	String contact(@PathVariable long id, @RequestHeader(name = "HX-Request", required = false) String htmx,
			Model model) {
		model.addAttribute("appointments", appointments.upcoming(null, id, ITEMS));
		model.addAttribute("ratings", csat.recent(null, id, ITEMS));
		model.addAttribute("accountId", null);
		model.addAttribute("contactId", id);
		return htmx != null ? "service/customer :: block" : "service/customer";
	}
}
