package org.opencrm.service.demo;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.opencrm.core.demo.DemoContext;
import org.opencrm.core.demo.DemoDataContributor;
import org.opencrm.service.sla.BusinessCalendar;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The demo service desk: an office-hours calendar and SLA policies, three queues staffed
 * by the agents, routing rules, canned replies, account tiers, and about 300 tickets with
 * conversations — the open ones opened recently, so the queue shows tickets near and past
 * their SLA right now. All in batched SQL.
 */
@Component
@Order(50)
class ServiceDemoData implements DemoDataContributor {

	static final int TICKETS = 300;

	private static final String ZONE = "Europe/Berlin";

	/**
	 * priority, first response, resolution (business minutes), notify, raise, reassign.
	 */
	private static final Object[][] POLICIES = { { "URGENT", 30, 240, true, false, true },
			{ "HIGH", 60, 480, true, false, false }, { "NORMAL", 240, 1440, true, true, false },
			{ "LOW", 480, 2880, false, true, false } };

	private static final String[][] SUBJECTS = {
			{ "INFORMATION_REQUEST", "Question about my invoice",
					"Could you explain the second line item on invoice 2031?" },
			{ "INFORMATION_REQUEST", "Opening hours over the holidays",
					"Are you open between Christmas and New Year?" },
			{ "SERVICE_REQUEST", "Please add a user to our account", "We hired a new buyer; please give her access." },
			{ "SERVICE_REQUEST", "Change of delivery address", "From next month please deliver to our new warehouse." },
			{ "COMPLAINT", "Delivery arrived damaged", "Two of the five boxes were crushed. This is the second time." },
			{ "COMPLAINT", "Nobody called back", "I was promised a call back last week and nobody called." },
			{ "PRODUCT_RETURN", "Return of wrong item",
					"We received the wrong model and want to return it for a refund." },
			{ "PRODUCT_RETURN", "Refund for defective unit",
					"The unit stopped working after two days; please arrange a return." },
			{ "INCIDENT", "Portal login not working", "Since this morning none of our users can log in." },
			{ "INCIDENT", "Order confirmation e-mails missing", "We no longer receive order confirmations." } };

	private static final String[] TAGS = { "billing", "shipping", "login", "vip", "defect", "follow-up" };

	private final JdbcTemplate jdbc;

	private final Clock clock;

	ServiceDemoData(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	record Customer(long contactId, Long accountId) {
	}

	@Override
	public void contribute(DemoContext context) {
		Random random = context.random();
		Instant now = clock.instant();
		long agent = context.user("agent");
		long agent2 = context.user("agent2");
		long manager = context.user("manager");

		long calendar = jdbc.queryForObject(
				"insert into business_calendars (name, time_zone) values ('Office hours', ?) returning id", Long.class,
				ZONE);
		jdbc.update("""
				insert into business_hours (calendar_id, day_of_week, start_time, end_time)
				select ?, d, time '08:00', time '18:00' from generate_series(1, 5) d
				""", calendar);
		int year = LocalDate.ofInstant(now, ZoneId.of(ZONE)).getYear();
		List<LocalDate> holidays = new ArrayList<>();
		for (int y = year; y <= year + 1; y++) {
			holidays.addAll(List.of(LocalDate.of(y, 1, 1), LocalDate.of(y, 12, 25), LocalDate.of(y, 12, 26)));
		}
		jdbc.batchUpdate("insert into business_holidays (calendar_id, day, name) values (?, ?, 'Public holiday')",
				holidays.stream().map(d -> new Object[] { calendar, d }).toList());
		Map<String, Long> policyIds = new java.util.HashMap<>();
		for (Object[] p : POLICIES) {
			policyIds.put((String) p[0], jdbc.queryForObject("""
					insert into sla_policies (name, priority, calendar_id, first_response_minutes, resolution_minutes,
					  escalate_notify_manager, escalate_raise_priority, escalate_reassign)
					values (?, ?, ?, ?, ?, ?, ?, ?) returning id
					""", Long.class, "Standard " + ((String) p[0]).toLowerCase(), p[0], calendar, p[1], p[2], p[3],
					p[4], p[5]));
		}
		jdbc.update("""
				insert into sla_policies (name, priority, tier, calendar_id, first_response_minutes, resolution_minutes,
				  escalate_notify_manager, escalate_raise_priority, escalate_reassign)
				values ('Gold urgent', 'URGENT', 'GOLD', ?, 15, 120, true, false, true),
				       ('Platinum urgent', 'URGENT', 'PLATINUM', ?, 10, 90, true, false, true)
				""", calendar, calendar);

		long general = queue("General support", "Questions, requests and everything not routed elsewhere");
		long returns = queue("Returns", "Product returns and refunds");
		long escalations = queue("Escalations", "Urgent tickets and complaints");
		jdbc.batchUpdate("insert into service_queue_members (queue_id, user_id, available) values (?, ?, ?)",
				List.of(new Object[] { general, agent, true }, new Object[] { general, agent2, true },
						new Object[] { returns, agent2, true }, new Object[] { returns, agent, true },
						new Object[] { escalations, agent, true }, new Object[] { escalations, agent2, false },
						new Object[] { escalations, manager, true }));
		jdbc.batchUpdate(
				"""
						insert into routing_rules (position, name, ticket_type, priority, channel, keywords, queue_id, round_robin)
						values (?, ?, ?, ?, null, ?, ?, true)
						""",
				List.of(new Object[] { 10, "Urgent to escalations", null, "URGENT", null, escalations },
						new Object[] { 20, "Complaints to escalations", "COMPLAINT", null, null, escalations },
						new Object[] { 30, "Returns and refunds", null, null, "return, refund, rma", returns },
						new Object[] { 40, "Everything else", null, null, null, general }));
		jdbc.batchUpdate("insert into canned_replies (title, body) values (?, ?)", List.of(new Object[] {
				"Thanks, we are on it",
				"Hello {{contact.firstName}},\n\nthank you for your message about {{ticket.subject}}. We are looking into it and will get back to you shortly.\n\nKind regards,\n{{agent.fullName}}" },
				new Object[] { "Return label",
						"Hello {{contact.firstName}},\n\nplease find the return label attached. Quote {{ticket.number}} on the parcel.\n\nKind regards,\n{{agent.fullName}}" },
				new Object[] { "Resolved — anything else?",
						"Hello {{contact.firstName}},\n\nwe believe {{ticket.number}} is solved. Just reply if anything is still not right.\n\n{{agent.fullName}}" }));

		List<Long> accounts = jdbc.queryForList("select id from accounts order by id limit 40", Long.class);
		List<Object[]> tiers = new ArrayList<>();
		for (int i = 0; i < accounts.size(); i++) {
			tiers.add(new Object[] { accounts.get(i), i % 8 == 0 ? "PLATINUM" : "GOLD" });
		}
		jdbc.batchUpdate("insert into account_service_tiers (account_id, tier) values (?, ?)", tiers);

		List<Customer> customers = jdbc.query("select id, account_id from contacts order by id limit 1500",
				(rs, n) -> new Customer(rs.getLong(1), rs.getObject(2, Long.class)));
		if (customers.isEmpty()) {
			return;
		}
		tickets(random, now, customers, policyIds, office(holidays), agent, agent2, general, returns, escalations);
	}

	private long queue(String name, String description) {
		return jdbc.queryForObject("insert into service_queues (name, description) values (?, ?) returning id",
				Long.class, name, description);
	}

	private static BusinessCalendar office(List<LocalDate> holidays) {
		Map<DayOfWeek, List<BusinessCalendar.Window>> week = new EnumMap<>(DayOfWeek.class);
		for (int d = 1; d <= 5; d++) {
			week.put(DayOfWeek.of(d), List.of(new BusinessCalendar.Window(LocalTime.of(8, 0), LocalTime.of(18, 0))));
		}
		return new BusinessCalendar(ZoneId.of(ZONE), week, Set.copyOf(holidays));
	}

	private void tickets(Random random, Instant now, List<Customer> customers, Map<String, Long> policyIds,
			BusinessCalendar office, long agent, long agent2, long general, long returns, long escalations) {
		String[] priorities = { "LOW", "NORMAL", "NORMAL", "NORMAL", "HIGH", "HIGH", "URGENT" };
		String[] channels = { "EMAIL", "EMAIL", "EMAIL", "PORTAL", "PHONE", "WEB_FORM" };
		List<Object[]> rows = new ArrayList<>();
		List<Object[]> messages = new ArrayList<>();
		for (int i = 1; i <= TICKETS; i++) {
			String number = "T-%06d".formatted(i);
			// The last 90 tickets are the live queue: opened within the last business
			// days (counted in
			// business time, so a weekend or holiday start still has tickets past their
			// SLA), still open.
			boolean live = i > TICKETS - 90;
			String status = live ? pick(random, "NEW", "NEW", "OPEN", "OPEN", "OPEN", "PENDING_CUSTOMER", "ON_HOLD")
					: pick(random, "CLOSED", "CLOSED", "CLOSED", "RESOLVED", "RESOLVED");
			String[] subject = SUBJECTS[random.nextInt(SUBJECTS.length)];
			String type = subject[0];
			String priority = priorities[random.nextInt(priorities.length)];
			Customer customer = customers.get(random.nextInt(customers.size()));
			Instant opened = live ? businessMinutesAgo(office, now, 20 + random.nextInt(60 * 40))
					: now.minus(Duration.ofDays(3 + random.nextInt(120)))
						.minus(Duration.ofMinutes(random.nextInt(600)));
			long queue = priority.equals("URGENT") || type.equals("COMPLAINT") ? escalations
					: type.equals("PRODUCT_RETURN") ? returns : general;
			Long assignee = status.equals("NEW") && random.nextInt(3) > 0 ? null
					: (random.nextBoolean() ? agent : agent2);
			Object[] p = Stream.of(POLICIES).filter(x -> x[0].equals(priority)).findFirst().orElseThrow();
			int fr = (Integer) p[1];
			int res = (Integer) p[2];
			Instant frDue = office.plusBusinessMinutes(opened, fr);
			Instant frWarn = office.plusBusinessMinutes(opened, fr * 80L / 100);
			Instant resDue = office.plusBusinessMinutes(opened, res);
			Instant resWarn = office.plusBusinessMinutes(opened, res * 80L / 100);
			boolean answered = !status.equals("NEW") && random.nextInt(6) > 0;
			Instant responded = answered ? min(now, opened.plus(Duration.ofMinutes(10 + random.nextInt(fr * 2))))
					: null;
			boolean done = status.equals("RESOLVED") || status.equals("CLOSED");
			Instant resolved = done ? min(now, opened.plus(Duration.ofMinutes(60 + random.nextInt(res * 2)))) : null;
			Instant paused = status.equals("PENDING_CUSTOMER") ? min(now, opened.plus(Duration.ofMinutes(30))) : null;
			Instant nextCheck = null;
			if (!done && paused == null) {
				nextCheck = Stream
					.of(responded == null ? frWarn : null, responded == null ? frDue : null, resWarn, resDue)
					.filter(t -> t != null)
					.min(Instant::compareTo)
					.orElse(null);
			}
			String[] tags = random.nextInt(3) == 0 ? new String[] { TAGS[random.nextInt(TAGS.length)] } : new String[0];
			rows.add(new Object[] { number, subject[1], subject[2], type, priority, status,
					channels[random.nextInt(channels.length)], customer.contactId(), customer.accountId(), assignee,
					queue, String.join(",", tags), type.equals("PRODUCT_RETURN") ? "SO-" + (10000 + i) : null,
					type.equals("PRODUCT_RETURN") ? (done ? "REFUNDED" : "REQUESTED") : null, policyIds.get(priority),
					ts(opened), ts(frDue), ts(frWarn), ts(responded), ts(resDue), ts(resWarn), ts(resolved),
					ts(status.equals("CLOSED") ? resolved : null), ts(paused), ts(nextCheck),
					ts(responded == null ? frDue : resDue), ts(opened) });
			messages
				.add(new Object[] { number, "CUSTOMER", null, customer.contactId(), subject[2], false, ts(opened) });
			if (answered) {
				messages.add(new Object[] { number, "AGENT", assignee == null ? agent : assignee, null,
						"Thank you for contacting us. We are looking into it.", false, ts(responded) });
			}
			if (random.nextInt(4) == 0) {
				messages.add(new Object[] { number, "AGENT", assignee == null ? agent2 : assignee, null,
						"Checked the order history; see the account notes.", true, ts(opened.plusSeconds(120)) });
			}
			if (done) {
				messages.add(new Object[] { number, "AGENT", assignee == null ? agent : assignee, null,
						"This should be solved now. Let us know if anything is still wrong.", false, ts(resolved) });
			}
		}
		jdbc.batchUpdate(
				"""
						insert into tickets (number, subject, description, type, priority, status, channel, contact_id, account_id,
						  assignee_id, queue_id, tags, order_reference, return_status, sla_policy_id, opened_at,
						  first_response_due_at, first_response_warn_at, first_responded_at, resolution_due_at, resolution_warn_at,
						  resolved_at, closed_at, sla_paused_at, sla_next_check_at, queue_sort_at, created_at)
						values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, coalesce(string_to_array(nullif(?, ''), ','), '{}'), ?, ?, ?, ?, ?, ?, ?, ?, ?,
						  ?, ?, ?, ?, ?, ?)
						""",
				rows);
		jdbc.execute("select setval('ticket_number_seq', " + TICKETS + ")");
		jdbc.batchUpdate(
				"""
						insert into ticket_messages (ticket_id, author_kind, author_id, author_contact_id, body, internal, created_at)
						values ((select id from tickets where number = ?), ?, ?, ?, ?, ?, ?)
						""",
				messages);
		jdbc.update(
				"""
						insert into interactions (kind, occurred_at, account_id, contact_id, subject_key, subject_args, body, source_module, source_ref)
						select 'TICKET', t.opened_at, t.account_id, t.contact_id, 'timeline.ticket.opened',
						       jsonb_build_array(jsonb_build_object('text', t.number), jsonb_build_object('text', t.subject)),
						       t.description, 'service', 'ticket:' || t.id
						from tickets t
						""");
	}

	private static String pick(Random random, String... values) {
		return values[random.nextInt(values.length)];
	}

	/**
	 * The latest instant at least {@code minutes} business minutes before {@code now} (a
	 * binary search over wall-clock time, which the business minutes grow with).
	 */
	static Instant businessMinutesAgo(BusinessCalendar office, Instant now, long minutes) {
		long lo = 0;
		long hi = Duration.ofDays(60).toMinutes();
		while (lo < hi) {
			long mid = (lo + hi) >>> 1;
			if (office.businessMinutesBetween(now.minus(Duration.ofMinutes(mid)), now) >= minutes) {
				hi = mid;
			}
			else {
				lo = mid + 1;
			}
		}
		return now.minus(Duration.ofMinutes(lo));
	}

	private static Instant min(Instant a, Instant b) {
		return a.isBefore(b) ? a : b;
	}

	private static Timestamp ts(Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}

}
