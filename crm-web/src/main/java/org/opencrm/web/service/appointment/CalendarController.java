package org.opencrm.web.service.appointment;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.UserDirectory;
import org.opencrm.core.user.UserSummary;
import org.opencrm.service.appointment.AppointmentCalendar;
import org.opencrm.service.appointment.CalendarEntry;
import org.opencrm.web.system.Formats;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The service calendar: one agent's week, or a team's (a row per member), Monday to
 * Sunday, with previous/next week links. Plain HTML: a table, no script.
 */
@Controller
@RequestMapping("/service/calendar")
class CalendarController {

	private final AppointmentCalendar calendar;

	private final UserDirectory users;

	private final Formats fmt;

	CalendarController(AppointmentCalendar calendar, UserDirectory users, Formats fmt) {
		this.calendar = calendar;
		this.users = users;
		this.fmt = fmt;
	}

	/** One row of the grid: an agent and their appointments per day (seven lists). */
	record Row(long agentId, String agentName, List<List<CalendarEntry>> days) {
	}

	@GetMapping
	String week(@AuthenticationPrincipal CrmUser me, @RequestParam(required = false) Long agent,
			@RequestParam(required = false) Long team, @RequestParam(required = false) String week, Model model) {
		ZoneId zone = fmt.zone();
		LocalDate today = LocalDate.ofInstant(fmt.now(), zone);
		LocalDate monday = parse(week, today).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
		List<LocalDate> days = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			days.add(monday.plusDays(i));
		}
		List<UserSummary> staff = users.assignableUsers();
		List<UserSummary> shown;
		if (team != null) {
			shown = staff.stream().filter(u -> team.equals(u.teamId())).toList();
		}
		else {
			long who = agent != null ? agent : me.id();
			shown = staff.stream().filter(u -> u.id() == who).toList();
		}
		List<CalendarEntry> entries = shown.isEmpty() ? List.of()
				: calendar.calendar(team == null ? shown.get(0).id() : null, team,
						monday.atStartOfDay(zone).toInstant(), monday.plusDays(7).atStartOfDay(zone).toInstant(), me);
		List<Row> rows = shown.stream().map(u -> {
			List<List<CalendarEntry>> perDay = new ArrayList<>();
			for (LocalDate day : days) {
				Instant dayStart = day.atStartOfDay(zone).toInstant();
				Instant dayEnd = day.plusDays(1).atStartOfDay(zone).toInstant();
				perDay.add(entries.stream()
					.filter(e -> e.agentId() == u.id() && e.startsAt().isBefore(dayEnd) && e.endsAt().isAfter(dayStart))
					.toList());
			}
			return new Row(u.id(), u.fullName(), perDay);
		}).toList();
		model.addAttribute("monday", monday);
		model.addAttribute("days", days);
		model.addAttribute("rows", rows);
		model.addAttribute("users", staff);
		model.addAttribute("teams", users.listTeams());
		model.addAttribute("agent", team == null ? (agent != null ? agent : me.id()) : null);
		model.addAttribute("team", team);
		model.addAttribute("today", today);
		return "service/calendar";
	}

	private static LocalDate parse(String week, LocalDate fallback) {
		if (week == null || week.isBlank()) {
			return fallback;
		}
		try {
			return LocalDate.parse(week.trim());
		}
		catch (DateTimeParseException ex) {
			return fallback;
		}
	}

}
