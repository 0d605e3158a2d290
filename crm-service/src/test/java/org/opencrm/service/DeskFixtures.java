package org.opencrm.service;

import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Builders for the rows desk tests need: agents, queues, calendars and SLA policies.
 */
@TestConfiguration(proxyBeanMethods = false)
public class DeskFixtures {

	@Bean
	Fixtures fixtures(JdbcClient jdbc) {
		return new Fixtures(jdbc);
	}

	private static final AtomicLong SEQ = new AtomicLong(System.nanoTime() % 1_000_000);

	/** A suffix that keeps names unique within a test run. */
	public static String unique() {
		return Long.toString(SEQ.incrementAndGet(), 36);
	}

	public record Fixtures(JdbcClient jdbc) {

		public long account(String name) {
			return jdbc.sql("insert into accounts (name, lifecycle_stage) values (?, 'CUSTOMER') returning id")
				.param(name + " " + unique())
				.query(Long.class)
				.single();
		}

		public long contact(String first, String last, String email, Long accountId) {
			return jdbc.sql("""
					insert into contacts (first_name, last_name, email, account_id, lifecycle_stage)
					values (?, ?, ?, ?, 'CUSTOMER') returning id
					""").params(first, last, email, accountId).query(Long.class).single();
		}

		public long agent(String name) {
			String u = unique();
			return jdbc.sql("""
					insert into users (username, full_name, password_hash, role)
					values (?, ?, '{noop}unused', 'SUPPORT_AGENT') returning id
					""").params("agent-" + u, name + " " + u).query(Long.class).single();
		}

		public long manager(String name) {
			return jdbc.sql("""
					insert into users (username, full_name, password_hash, role)
					values (?, ?, '{noop}unused', 'MANAGER') returning id
					""").params("manager-" + unique(), name).query(Long.class).single();
		}

		public long queue(String name, long... members) {
			long id = jdbc.sql("insert into service_queues (name) values (?) returning id")
				.param(name + " " + unique())
				.query(Long.class)
				.single();
			for (long m : members) {
				jdbc.sql("insert into service_queue_members (queue_id, user_id) values (?, ?)").params(id, m).update();
			}
			return id;
		}

		/** Mon–Fri 09:00–17:00 in the zone, with the given holidays. */
		public long officeCalendar(String zone, LocalDate... holidays) {
			long id = jdbc.sql("insert into business_calendars (name, time_zone) values (?, ?) returning id")
				.params("Office " + unique(), zone)
				.query(Long.class)
				.single();
			jdbc.sql("""
					insert into business_hours (calendar_id, day_of_week, start_time, end_time)
					select ?, d, time '09:00', time '17:00' from generate_series(1, 5) d
					""").param(id).update();
			for (LocalDate h : holidays) {
				jdbc.sql("insert into business_holidays (calendar_id, day, name) values (?, ?, 'Holiday')")
					.params(id, h)
					.update();
			}
			return id;
		}

		/**
		 * Replaces every SLA policy by one per priority on this calendar (tests own the
		 * policies while they run; each test that needs them sets them up first).
		 */
		public void onlyPolicy(long calendarId, int firstResponseMinutes, int resolutionMinutes, boolean notify,
				boolean raise, boolean reassign) {
			jdbc.sql("update tickets set sla_policy_id = null where sla_policy_id is not null").update();
			jdbc.sql("delete from sla_policies").update();
			jdbc.sql("""
					insert into sla_policies (name, priority, calendar_id, first_response_minutes, resolution_minutes,
					  escalate_notify_manager, escalate_raise_priority, escalate_reassign)
					select 'Test ' || p, p, ?, ?, ?, ?, ?, ? from unnest(array['LOW','NORMAL','HIGH','URGENT']) p
					""").params(calendarId, firstResponseMinutes, resolutionMinutes, notify, raise, reassign).update();
		}

		public void noRoutingRules() {
			jdbc.sql("delete from routing_rules").update();
		}
	}

}
