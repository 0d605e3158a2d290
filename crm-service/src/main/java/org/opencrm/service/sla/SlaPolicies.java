package org.opencrm.service.sla;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opencrm.core.shared.Rows;
import org.opencrm.service.ticket.SlaPlanner;
import org.opencrm.service.ticket.TicketPriority;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Plans tickets' SLA times from the policy for their priority (a policy for the account's
 * tier wins over the tier-less one) on the policy's business calendar.
 */
@Component
class SlaPolicies implements SlaPlanner {

	private final JdbcClient jdbc;

	SlaPolicies(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	record Policy(long id, long calendarId, int firstResponseMinutes, int resolutionMinutes, int warningPercent) {
	}

	@Override
	@Transactional(readOnly = true)
	public SlaPlan plan(TicketPriority priority, Long accountId, Instant openedAt, long pausedBusinessMinutes) {
		var policy = jdbc
			.sql("""
					select p.id, p.calendar_id, p.first_response_minutes, p.resolution_minutes, p.warning_percent
					from sla_policies p
					where p.priority = :priority
					  and (p.tier is null or p.tier = (select t.tier from account_service_tiers t where t.account_id = :account))
					order by p.tier nulls last limit 1
					""")
			.param("priority", priority.name())
			.param("account", accountId == null ? -1L : accountId)
			.query(Rows.of(Policy.class))
			.optional();
		if (policy.isEmpty()) {
			return SlaPlan.none();
		}
		Policy p = policy.get();
		BusinessCalendar calendar = calendar(p.calendarId());
		long paused = pausedBusinessMinutes;
		return new SlaPlan(p.id(),
				calendar.plusBusinessMinutes(openedAt,
						p.firstResponseMinutes() * (long) p.warningPercent() / 100 + paused),
				calendar.plusBusinessMinutes(openedAt, p.firstResponseMinutes() + paused),
				calendar.plusBusinessMinutes(openedAt,
						p.resolutionMinutes() * (long) p.warningPercent() / 100 + paused),
				calendar.plusBusinessMinutes(openedAt, p.resolutionMinutes() + paused));
	}

	@Override
	@Transactional(readOnly = true)
	public long businessMinutesBetween(Long policyId, Instant from, Instant to) {
		if (policyId == null) {
			return 0;
		}
		Long calendarId = jdbc.sql("select calendar_id from sla_policies where id = ?")
			.param(policyId)
			.query(Long.class)
			.optional()
			.orElse(null);
		return calendarId == null ? 0 : calendar(calendarId).businessMinutesBetween(from, to);
	}

	/** A calendar with its week and holidays, in two statements. */
	BusinessCalendar calendar(long calendarId) {
		Map<DayOfWeek, List<BusinessCalendar.Window>> week = new EnumMap<>(DayOfWeek.class);
		String[] zone = { "UTC" };
		jdbc.sql("""
				select c.time_zone, h.day_of_week, h.start_time, h.end_time
				from business_calendars c left join business_hours h on h.calendar_id = c.id
				where c.id = ? order by h.day_of_week, h.start_time
				""").param(calendarId).query((rs, n) -> {
			zone[0] = rs.getString("time_zone");
			if (rs.getObject("day_of_week") != null) {
				week.computeIfAbsent(DayOfWeek.of(rs.getInt("day_of_week")), d -> new ArrayList<>())
					.add(new BusinessCalendar.Window(rs.getTime("start_time").toLocalTime(),
							rs.getTime("end_time").toLocalTime()));
			}
			return 1;
		}).list();
		Set<LocalDate> holidays = new HashSet<>(jdbc.sql("select day from business_holidays where calendar_id = ?")
			.param(calendarId)
			.query((rs, n) -> rs.getDate(1).toLocalDate())
			.list());
		return new BusinessCalendar(ZoneId.of(zone[0]), week, holidays);
	}

}
