package org.opencrm.service.appointment;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.opencrm.core.demo.DemoContext;
import org.opencrm.core.demo.DemoDataContributor;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Service visits for agent and agent2 this week and next, on fixed slots so none overlap:
 * one-off repairs and on-site support, and a weekly maintenance series each.
 */
@Component
@Order(56)
class AppointmentDemoData implements DemoDataContributor {

	private static final String[][] VISITS = { { "REPAIR", "Repair: device does not turn on" },
			{ "ONSITE_SUPPORT", "On-site support: network setup" }, { "REPAIR", "Replace sensor (error E42)" },
			{ "MAINTENANCE", "Yearly inspection" }, { "ONSITE_SUPPORT", "Training for new staff" },
			{ "REPAIR", "Firmware recovery" } };

	private static final int[] HOURS = { 9, 11, 14 };

	private final JdbcTemplate jdbc;

	private final Clock clock;

	AppointmentDemoData(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public void contribute(DemoContext ctx) {
		Random rnd = ctx.random();
		List<long[]> contacts = jdbc.query("select id, account_id from contacts order by id limit 300",
				(rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) });
		if (contacts.isEmpty()) {
			return;
		}
		LocalDate monday = LocalDate.now(clock).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
		List<Object[]> rows = new ArrayList<>();
		long[] agents = { ctx.user("agent"), ctx.user("agent2") };
		for (int a = 0; a < agents.length; a++) {
			// The weekly maintenance series: Mondays 16:00, four weeks from this one.
			long[] customer = contacts.get(rnd.nextInt(contacts.size()));
			Long series = jdbc.queryForObject(
					"insert into service_appointment_series (frequency, occurrences) values ('WEEKLY', 4) returning id",
					Long.class);
			for (int w = 0; w < 4; w++) {
				rows.add(row(series, "MAINTENANCE", "Weekly maintenance visit", customer, agents[a],
						at(monday.plusWeeks(w), 16), 90, "Customer site"));
			}
			for (int day = 0; day < 10; day++) {
				LocalDate date = monday.plusDays(day < 5 ? day : day + 2);
				for (int slot = 0; slot < HOURS.length; slot++) {
					if (rnd.nextInt(3) == 0) {
						continue;
					}
					String[] visit = VISITS[rnd.nextInt(VISITS.length)];
					rows.add(row(null, visit[0], visit[1], contacts.get(rnd.nextInt(contacts.size())), agents[a],
							at(date, HOURS[slot]), 60 + 30 * rnd.nextInt(2),
							rnd.nextBoolean() ? "Customer site" : "Remote"));
				}
			}
		}
		jdbc.batchUpdate("""
				insert into service_appointments (series_id, kind, title, contact_id, account_id, agent_id, starts_at,
				                                  ends_at, location, status, outcome, closed_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				""", rows);
	}

	private ZonedDateTime at(LocalDate date, int hour) {
		return date.atTime(LocalTime.of(hour, 0)).atZone(clock.getZone());
	}

	private Object[] row(Long series, String kind, String title, long[] customer, long agent, ZonedDateTime start,
			int minutes, String location) {
		boolean past = start.toInstant().isBefore(clock.instant());
		return new Object[] { series, kind, title, customer[0], customer[1], agent, Timestamp.from(start.toInstant()),
				Timestamp.from(start.plusMinutes(minutes).toInstant()), location, past ? "DONE" : "SCHEDULED",
				past ? "Done as planned; customer satisfied." : null,
				past ? Timestamp.from(start.plusMinutes(minutes).toInstant()) : null };
	}

}
