package org.opencrm.web.service.admin;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.Map;
import org.opencrm.service.sla.PolicyCommand;
import org.opencrm.service.sla.SlaAdmin;
import org.opencrm.service.ticket.TicketPriority;
import org.opencrm.service.tier.ServiceTier;
import org.opencrm.web.system.OnRuleViolation;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * SLA policies per priority (and tier), business calendars and holidays (admins only).
 */
@Controller
@RequestMapping("/admin/sla")
class SlaAdminController {

	private final SlaAdmin sla;

	SlaAdminController(SlaAdmin sla) {
		this.sla = sla;
	}

	@GetMapping
	String page(Model model) {
		model.addAttribute("policies", sla.policies());
		model.addAttribute("calendars", sla.calendars());
		model.addAttribute("priorities", TicketPriority.values());
		model.addAttribute("tiers", ServiceTier.values());
		return "service/admin/sla";
	}

	@PostMapping("/policies")
	@OnRuleViolation(redirect = "/admin/sla")
	String createPolicy(@RequestParam(defaultValue = "") String name,
			@RequestParam(required = false) TicketPriority priority, @RequestParam(required = false) ServiceTier tier,
			@RequestParam long calendarId, @RequestParam(defaultValue = "0") int firstResponseMinutes,
			@RequestParam(defaultValue = "0") int resolutionMinutes,
			@RequestParam(defaultValue = "80") int warningPercent,
			@RequestParam(defaultValue = "false") boolean escalateNotifyManager,
			@RequestParam(defaultValue = "false") boolean escalateRaisePriority,
			@RequestParam(defaultValue = "false") boolean escalateReassign, RedirectAttributes redirect) {
		return Admin
			.act(redirect, "/admin/sla", "flash.saved",
					() -> sla.createPolicy(new PolicyCommand(name, priority, tier, calendarId, firstResponseMinutes,
							resolutionMinutes, warningPercent, escalateNotifyManager, escalateRaisePriority,
							escalateReassign, 0)));
	}

	@PostMapping("/policies/{id}")
	@OnRuleViolation(redirect = "/admin/sla")
	String updatePolicy(@PathVariable long id, @RequestParam(defaultValue = "") String name,
			@RequestParam(required = false) TicketPriority priority, @RequestParam(required = false) ServiceTier tier,
			@RequestParam long calendarId, @RequestParam(defaultValue = "0") int firstResponseMinutes,
			@RequestParam(defaultValue = "0") int resolutionMinutes,
			@RequestParam(defaultValue = "80") int warningPercent,
			@RequestParam(defaultValue = "false") boolean escalateNotifyManager,
			@RequestParam(defaultValue = "false") boolean escalateRaisePriority,
			@RequestParam(defaultValue = "false") boolean escalateReassign, @RequestParam long version,
			RedirectAttributes redirect) {
		return Admin.act(redirect, "/admin/sla", "flash.saved",
				() -> sla.updatePolicy(id,
						new PolicyCommand(name, priority, tier, calendarId, firstResponseMinutes, resolutionMinutes,
								warningPercent, escalateNotifyManager, escalateRaisePriority, escalateReassign,
								version)));
	}

	@PostMapping("/policies/{id}/delete")
	@OnRuleViolation(redirect = "/admin/sla")
	String deletePolicy(@PathVariable long id, RedirectAttributes redirect) {
		return Admin.act(redirect, "/admin/sla", "flash.deleted", () -> sla.deletePolicy(id));
	}

	@PostMapping("/calendars")
	@OnRuleViolation(redirect = "/admin/sla")
	String createCalendar(@RequestParam(defaultValue = "") String name,
			@RequestParam(defaultValue = "UTC") String timeZone, RedirectAttributes redirect) {
		return Admin.act(redirect, "/admin/sla", "flash.saved", () -> sla.createCalendar(name, timeZone));
	}

	/**
	 * Week hours come as {@code start_MONDAY=09:00}, {@code end_MONDAY=17:00}; an empty
	 * pair closes the day.
	 */
	@PostMapping("/calendars/{id}")
	@OnRuleViolation(redirect = "/admin/sla")
	String updateCalendar(@PathVariable long id, @RequestParam(defaultValue = "") String timeZone,
			@RequestParam Map<String, String> form, @RequestParam long version, RedirectAttributes redirect) {
		Map<DayOfWeek, LocalTime[]> week = new EnumMap<>(DayOfWeek.class);
		try {
			for (DayOfWeek d : DayOfWeek.values()) {
				String start = form.getOrDefault("start_" + d, "");
				String end = form.getOrDefault("end_" + d, "");
				week.put(d, start.isBlank() || end.isBlank() ? null
						: new LocalTime[] { LocalTime.parse(start.strip()), LocalTime.parse(end.strip()) });
			}
		}
		catch (java.time.format.DateTimeParseException ex) {
			redirect.addFlashAttribute("flashError", "sla.calendar.time.invalid");
			return "redirect:/admin/sla";
		}
		return Admin.act(redirect, "/admin/sla", "flash.saved", () -> sla.updateCalendar(id, timeZone, week, version));
	}

	@PostMapping("/calendars/{id}/holidays")
	@OnRuleViolation(redirect = "/admin/sla")
	String addHoliday(@PathVariable long id,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day,
			@RequestParam(required = false) String name, RedirectAttributes redirect) {
		return Admin.act(redirect, "/admin/sla", "flash.saved", () -> sla.addHoliday(id, day, name));
	}

	@PostMapping("/holidays/{holidayId}/delete")
	@OnRuleViolation(redirect = "/admin/sla")
	String removeHoliday(@PathVariable long holidayId, RedirectAttributes redirect) {
		return Admin.act(redirect, "/admin/sla", "flash.deleted", () -> sla.removeHoliday(holidayId));
	}

}
