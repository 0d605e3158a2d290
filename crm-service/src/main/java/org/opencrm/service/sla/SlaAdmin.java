package org.opencrm.service.sla;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.Rows;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.shared.StaleEditException;
import org.opencrm.service.ticket.TicketSlaTimers;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Administration of SLA policies and business calendars (week schedule, time zone,
 * holidays).
 */
@Service
public class SlaAdmin {

	private final JdbcClient jdbc;

	private final TicketSlaTimers tickets;

	SlaAdmin(JdbcClient jdbc, TicketSlaTimers tickets) {
		this.jdbc = jdbc;
		this.tickets = tickets;
	}

	@Transactional(readOnly = true)
	public List<SlaPolicyView> policies() {
		return jdbc
			.sql("""
					select p.id, p.name, p.priority, p.tier, p.calendar_id, c.name as calendar_name,
					       p.first_response_minutes, p.resolution_minutes, p.warning_percent,
					       p.escalate_notify_manager, p.escalate_raise_priority, p.escalate_reassign, p.version
					from sla_policies p join business_calendars c on c.id = p.calendar_id
					order by array_position(array['URGENT','HIGH','NORMAL','LOW'], p.priority::text), p.tier nulls first, p.id
					""")
			.query(Rows.of(SlaPolicyView.class))
			.list();
	}

	@Transactional
	public long createPolicy(PolicyCommand cmd) {
		validate(cmd, -1);
		return jdbc.sql("""
				insert into sla_policies (name, priority, tier, calendar_id, first_response_minutes, resolution_minutes,
				  warning_percent, escalate_notify_manager, escalate_raise_priority, escalate_reassign)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id
				""")
			.params(cmd.name().strip(), cmd.priority().name(), cmd.tier() == null ? null : cmd.tier().name(),
					cmd.calendarId(), cmd.firstResponseMinutes(), cmd.resolutionMinutes(), cmd.warningPercent(),
					cmd.escalateNotifyManager(), cmd.escalateRaisePriority(), cmd.escalateReassign())
			.query(Long.class)
			.single();
	}

	/**
	 * Changes a policy; tickets keep the due times planned when they opened (or last
	 * changed priority).
	 */
	@Transactional
	public void updatePolicy(long id, PolicyCommand cmd) {
		validate(cmd, id);
		int n = jdbc.sql("""
				update sla_policies set name = ?, priority = ?, tier = ?, calendar_id = ?, first_response_minutes = ?,
				  resolution_minutes = ?, warning_percent = ?, escalate_notify_manager = ?, escalate_raise_priority = ?,
				  escalate_reassign = ?, version = version + 1, updated_at = now()
				where id = ? and version = ?
				""")
			.params(cmd.name().strip(), cmd.priority().name(), cmd.tier() == null ? null : cmd.tier().name(),
					cmd.calendarId(), cmd.firstResponseMinutes(), cmd.resolutionMinutes(), cmd.warningPercent(),
					cmd.escalateNotifyManager(), cmd.escalateRaisePriority(), cmd.escalateReassign(), id, cmd.version())
			.update();
		if (n == 0) {
			long current = jdbc.sql("select version from sla_policies where id = ?")
				.param(id)
				.query(Long.class)
				.optional()
				.orElseThrow(() -> new NotFoundException("SLA policy", id));
			throw new StaleEditException("SLA policy", id, cmd.version(), current);
		}
	}

	@Transactional
	public void deletePolicy(long id) {
		tickets.forgetPolicy(id);
		jdbc.sql("delete from sla_policies where id = ?").param(id).update();
	}

	@Transactional(readOnly = true)
	public List<CalendarView> calendars() {
		Map<Long, Map<DayOfWeek, CalendarView.Day>> hours = new HashMap<>();
		jdbc.sql("select calendar_id, day_of_week, start_time, end_time from business_hours order by start_time")
			.query((rs, n) -> hours.computeIfAbsent(rs.getLong(1), k -> new HashMap<>())
				.putIfAbsent(DayOfWeek.of(rs.getInt(2)),
						new CalendarView.Day(DayOfWeek.of(rs.getInt(2)), rs.getTime(3).toLocalTime(),
								rs.getTime(4).toLocalTime())))
			.list();
		Map<Long, List<CalendarView.Holiday>> holidays = new HashMap<>();
		jdbc.sql("select id, calendar_id, day, name from business_holidays order by day")
			.query((rs, n) -> holidays.computeIfAbsent(rs.getLong(2), k -> new ArrayList<>())
				.add(new CalendarView.Holiday(rs.getLong(1), rs.getDate(3).toLocalDate(), rs.getString(4))))
			.list();
		return jdbc.sql("select id, name, time_zone, version from business_calendars order by name, id")
			.query((rs, n) -> {
				long id = rs.getLong("id");
				Map<DayOfWeek, CalendarView.Day> h = hours.getOrDefault(id, Map.of());
				List<CalendarView.Day> week = new ArrayList<>();
				for (DayOfWeek d : DayOfWeek.values()) {
					week.add(h.getOrDefault(d, new CalendarView.Day(d, null, null)));
				}
				return new CalendarView(id, rs.getString("name"), rs.getString("time_zone"), week,
						holidays.getOrDefault(id, List.of()), rs.getLong("version"));
			})
			.list();
	}

	@Transactional
	public long createCalendar(String name, String timeZone) {
		if (name == null || name.isBlank()) {
			throw new RuleViolationException("sla.calendar.name.required", "A calendar needs a name.");
		}
		zone(timeZone);
		return jdbc.sql("insert into business_calendars (name, time_zone) values (?, ?) returning id")
			.params(name.strip(), timeZone.strip())
			.query(Long.class)
			.single();
	}

	/**
	 * Sets a calendar's time zone and week: for each day an opening window, or closed
	 * when {@code start}/{@code end} are null.
	 */
	@Transactional
	public void updateCalendar(long id, String timeZone, Map<DayOfWeek, LocalTime[]> week, long version) {
		zone(timeZone);
		for (LocalTime[] w : week.values()) {
			if (w != null && w[0] != null && w[1] != null && !w[1].isAfter(w[0])) {
				throw new RuleViolationException("sla.calendar.window",
						"A day's closing time must be after its opening time.");
			}
		}
		int n = jdbc.sql("""
				update business_calendars set time_zone = ?, version = version + 1, updated_at = now()
				where id = ? and version = ?
				""").params(timeZone.strip(), id, version).update();
		if (n == 0) {
			long current = jdbc.sql("select version from business_calendars where id = ?")
				.param(id)
				.query(Long.class)
				.optional()
				.orElseThrow(() -> new NotFoundException("Calendar", id));
			throw new StaleEditException("Calendar", id, version, current);
		}
		jdbc.sql("delete from business_hours where calendar_id = ?").param(id).update();
		week.forEach((day, w) -> {
			if (w != null && w[0] != null && w[1] != null) {
				jdbc.sql(
						"insert into business_hours (calendar_id, day_of_week, start_time, end_time) values (?, ?, ?, ?)")
					.params(id, day.getValue(), w[0], w[1])
					.update();
			}
		});
	}

	@Transactional
	public void addHoliday(long calendarId, LocalDate day, String name) {
		if (day == null) {
			throw new RuleViolationException("sla.holiday.day.required", "A holiday needs a date.");
		}
		if (jdbc.sql("select count(*) from business_calendars where id = ?")
			.param(calendarId)
			.query(Long.class)
			.single() == 0) {
			throw new NotFoundException("Calendar", calendarId);
		}
		jdbc.sql("""
				insert into business_holidays (calendar_id, day, name) values (?, ?, ?)
				on conflict (calendar_id, day) do update set name = excluded.name
				""").params(calendarId, day, name == null || name.isBlank() ? "Holiday" : name.strip()).update();
	}

	@Transactional
	public void removeHoliday(long holidayId) {
		jdbc.sql("delete from business_holidays where id = ?").param(holidayId).update();
	}

	private void validate(PolicyCommand cmd, long exceptId) {
		if (cmd.name() == null || cmd.name().isBlank()) {
			throw new RuleViolationException("sla.policy.name.required", "A policy needs a name.");
		}
		if (cmd.priority() == null) {
			throw new RuleViolationException("sla.policy.priority.required", "A policy is for a priority.");
		}
		if (cmd.firstResponseMinutes() <= 0 || cmd.resolutionMinutes() <= 0) {
			throw new RuleViolationException("sla.policy.targets.positive", "Targets must be positive minutes.");
		}
		if (cmd.resolutionMinutes() < cmd.firstResponseMinutes()) {
			throw new RuleViolationException("sla.policy.targets.order",
					"The resolution target can't be shorter than the first-response target.");
		}
		if (cmd.warningPercent() < 1 || cmd.warningPercent() > 99) {
			throw new RuleViolationException("sla.policy.warning.range", "The warning is at 1–99 % of a target.");
		}
		if (jdbc.sql("select count(*) from business_calendars where id = ?")
			.param(cmd.calendarId())
			.query(Long.class)
			.single() == 0) {
			throw new NotFoundException("Calendar", cmd.calendarId());
		}
		if (jdbc
			.sql("""
					select count(*) from sla_policies where priority = ? and coalesce(tier, '') = coalesce(?, '') and id <> ?
					""")
			.params(cmd.priority().name(), cmd.tier() == null ? null : cmd.tier().name(), exceptId)
			.query(Long.class)
			.single() > 0) {
			throw new RuleViolationException("sla.policy.duplicate",
					"There is a policy for this priority and tier already.");
		}
	}

	private static ZoneId zone(String timeZone) {
		try {
			return ZoneId.of(timeZone == null ? "" : timeZone.strip());
		}
		catch (DateTimeException ex) {
			throw new RuleViolationException("sla.calendar.zone.invalid", "Unknown time zone.", timeZone);
		}
	}

}
