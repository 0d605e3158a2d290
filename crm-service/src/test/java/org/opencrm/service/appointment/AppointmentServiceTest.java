package org.opencrm.service.appointment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencrm.service.ServiceTestData.unique;
import static org.opencrm.service.ServiceTestData.user;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencrm.service.ServiceTestData;
import org.opencrm.core.port.PurchaseHistory;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.timeline.InteractionKind;
import org.opencrm.core.timeline.TimelineEntry;
import org.opencrm.core.timeline.TimelineService;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.Role;
import org.opencrm.service.ServiceModuleTestApplication.TestPurchases;
import org.opencrm.test.MovableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

@SpringBootTest(properties = "crm.scheduling.enabled=false")
class AppointmentServiceTest {

	/** Monday 23 November 2026, 09:00 UTC (the test clock's zone). */
	static final Instant MONDAY_9 = Instant.parse("2026-11-23T09:00:00Z");

	@Autowired
	AppointmentService appointments;

	@Autowired
	AppointmentCalendar calendar;

	@Autowired
	AppointmentOutcomes outcomes;

	@Autowired
	AppointmentReminders reminders;

	@Autowired
	TimelineService timeline;

	@Autowired
	MovableClock clock;

	@Autowired
	TestPurchases purchases;

	@Autowired
	JdbcClient jdbc;

	long agent;

	long account;

	long person;

	@BeforeEach
	void customerAndAgent() {
		String u = unique();
		agent = user(jdbc, "agent-" + u, "Alex Agent " + u);
		account = ServiceTestData.account(jdbc, "Service Customer " + u);
		person = ServiceTestData.contact(jdbc, account, "Paula", "Service" + u, "paula." + u + "@example.com");
	}

	@AfterEach
	void resetClock() {
		clock.set(MONDAY_9.plus(Duration.ofHours(1)));
	}

	private ScheduleAppointment visit(long agentId, Instant start, Duration length, Recurrence recurrence) {
		return new ScheduleAppointment(AppointmentKind.REPAIR, "Repair visit", null, person, null, null, agentId, start,
				start.plus(length), "Customer site", null, recurrence);
	}

	private List<Instant> starts(List<Long> ids) {
		return ids.stream().map(id -> calendar.details(id).startsAt()).toList();
	}

	@Test
	void aWeeklyBookingWithACountBecomesThatManyOccurrencesOfOneSeries() {
		List<Long> ids = appointments.schedule(
				visit(agent, MONDAY_9, Duration.ofHours(1), new Recurrence(Recurrence.Frequency.WEEKLY, 4, null)));

		assertThat(starts(ids)).containsExactly(MONDAY_9, MONDAY_9.plus(Duration.ofDays(7)),
				MONDAY_9.plus(Duration.ofDays(14)), MONDAY_9.plus(Duration.ofDays(21)));
		assertThat(ids).extracting(id -> calendar.details(id).seriesId())
			.containsOnly(calendar.details(ids.get(0)).seriesId())
			.doesNotContainNull();
		assertThat(calendar.details(ids.get(0)).accountId()).isEqualTo(account);
	}

	@Test
	void aMonthlyBookingUntilADateKeepsTheDayOrTheMonthsLastDay() {
		Instant jan31 = Instant.parse("2027-01-31T14:00:00Z");

		List<Long> ids = appointments.schedule(visit(agent, jan31, Duration.ofMinutes(90),
				new Recurrence(Recurrence.Frequency.MONTHLY, null, LocalDate.parse("2027-04-30"))));

		assertThat(starts(ids)).containsExactly(jan31, Instant.parse("2027-02-28T14:00:00Z"),
				Instant.parse("2027-03-31T14:00:00Z"), Instant.parse("2027-04-30T14:00:00Z"));
		assertThat(calendar.details(ids.get(1)).endsAt()).isEqualTo(Instant.parse("2027-02-28T15:30:00Z"));
	}

	@Test
	void badRecurrencesAreRefused() {
		assertThatThrownBy(() -> appointments.schedule(
				visit(agent, MONDAY_9, Duration.ofHours(1), new Recurrence(Recurrence.Frequency.WEEKLY, 53, null))))
			.hasFieldOrPropertyWithValue("code", "appointment.recurrence.count");
		assertThatThrownBy(() -> appointments.schedule(
				visit(agent, MONDAY_9, Duration.ofHours(1), new Recurrence(Recurrence.Frequency.WEEKLY, null, null))))
			.hasFieldOrPropertyWithValue("code", "appointment.recurrence.end");
		assertThatThrownBy(() -> appointments.schedule(visit(agent, MONDAY_9, Duration.ofHours(1),
				new Recurrence(Recurrence.Frequency.WEEKLY, null, LocalDate.parse("2026-11-01")))))
			.hasFieldOrPropertyWithValue("code", "appointment.recurrence.untilBeforeStart");
		assertThatThrownBy(() -> appointments.schedule(visit(agent, MONDAY_9, Duration.ofHours(1),
				new Recurrence(Recurrence.Frequency.WEEKLY, null, LocalDate.parse("2028-12-31")))))
			.hasFieldOrPropertyWithValue("code", "appointment.recurrence.tooMany");
		assertThat(
				calendar.calendar(agent, null, MONDAY_9.minus(Duration.ofDays(1)), MONDAY_9.plus(Duration.ofDays(800))))
			.isEmpty();
	}

	@Test
	void anOverlappingAppointmentForTheSameAgentIsRefusedWithNothingWritten() {
		appointments.schedule(visit(agent, MONDAY_9, Duration.ofHours(1), null));
		long other = user(jdbc, "agent-" + unique(), "Other Agent");

		assertThatThrownBy(() -> appointments
			.schedule(visit(agent, MONDAY_9.plus(Duration.ofMinutes(30)), Duration.ofHours(1), null)))
			.isInstanceOf(RuleViolationException.class)
			.hasFieldOrPropertyWithValue("code", "appointment.overlap")
			.satisfies(ex -> assertThat(((RuleViolationException) ex).args()).contains("Repair visit",
					"2026-11-23 09:00"));
		// A weekly series whose third occurrence would clash is refused as a whole
		appointments.schedule(visit(agent, MONDAY_9.plus(Duration.ofDays(14)), Duration.ofHours(2), null));
		assertThatThrownBy(
				() -> appointments.schedule(visit(agent, MONDAY_9.minus(Duration.ofDays(7)).plus(Duration.ofHours(1)),
						Duration.ofHours(1), new Recurrence(Recurrence.Frequency.WEEKLY, 4, null))))
			.isInstanceOf(RuleViolationException.class);
		// Back-to-back is fine, and so is another agent at the same time
		appointments.schedule(visit(agent, MONDAY_9.plus(Duration.ofHours(1)), Duration.ofHours(1), null));
		appointments.schedule(visit(other, MONDAY_9, Duration.ofHours(1), null));

		assertThat(
				calendar.calendar(agent, null, MONDAY_9.minus(Duration.ofDays(30)), MONDAY_9.plus(Duration.ofDays(30))))
			.hasSize(3);
	}

	@Test
	void anEndBeforeTheStartAndAMissingCustomerAreRefused() {
		assertThatThrownBy(() -> appointments.schedule(visit(agent, MONDAY_9, Duration.ofHours(-1), null)))
			.hasFieldOrPropertyWithValue("code", "appointment.endBeforeStart");
		assertThatThrownBy(() -> appointments.schedule(visit(agent, MONDAY_9, Duration.ZERO, null)))
			.hasFieldOrPropertyWithValue("code", "appointment.endBeforeStart");
		assertThatThrownBy(() -> appointments.schedule(new ScheduleAppointment(AppointmentKind.REPAIR, "x", null, null,
				null, null, agent, MONDAY_9, MONDAY_9.plusSeconds(60), null, null, null)))
			.hasFieldOrPropertyWithValue("code", "appointment.customerRequired");
		assertThatThrownBy(() -> appointments.schedule(visit(-5, MONDAY_9, Duration.ofHours(1), null)))
			.hasFieldOrPropertyWithValue("code", "appointment.unknownAgent");
	}

	@Test
	void aReminderTaskIsCreatedOnceEvenWithTwoSchedulersPolling() throws Exception {
		// Given an appointment tomorrow at 9:00 and a clock 23 hours before it (reminders
		// 24 hours ahead)
		long id = appointments.schedule(visit(agent, MONDAY_9.plus(Duration.ofDays(1)), Duration.ofHours(1), null))
			.get(0);
		clock.set(MONDAY_9.plus(Duration.ofHours(1)));
		String ref = "appointment:" + id;

		// When two nodes poll at the same moment, and again later
		ExecutorService nodes = Executors.newFixedThreadPool(2);
		CountDownLatch go = new CountDownLatch(1);
		Callable<Integer> poll = () -> {
			go.await();
			return reminders.createDue();
		};
		List<Future<Integer>> runs = new ArrayList<>(List.of(nodes.submit(poll), nodes.submit(poll)));
		go.countDown();
		for (Future<Integer> run : runs) {
			run.get();
		}
		nodes.shutdown();
		reminders.createDue();

		// Then the agent has exactly one reminder task for it, due at the start
		assertThat(jdbc.sql("select count(*) from tasks where related_ref = ? and assignee_id = ?")
			.params(ref, agent)
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(jdbc.sql("select due_at from tasks where related_ref = ?").param(ref).query(Instant.class).single())
			.isEqualTo(MONDAY_9.plus(Duration.ofDays(1)));
	}

	@Test
	void noReminderBeforeItsTimeNorForACancelledAppointment() {
		long far = appointments.schedule(visit(agent, MONDAY_9.plus(Duration.ofDays(3)), Duration.ofHours(1), null))
			.get(0);
		long cancelled = appointments
			.schedule(visit(agent, MONDAY_9.plus(Duration.ofHours(5)), Duration.ofHours(1), null))
			.get(0);
		outcomes.cancel(cancelled, calendar.details(cancelled).version());

		reminders.createDue();

		assertThat(jdbc.sql("select count(*) from tasks where related_ref in (?, ?)")
			.params("appointment:" + far, "appointment:" + cancelled)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void completingAnAppointmentLogsTheOutcomeOnTheCustomersTimeline() {
		long id = appointments.schedule(visit(agent, MONDAY_9.minus(Duration.ofHours(3)), Duration.ofHours(1), null))
			.get(0);

		outcomes.complete(id, "Replaced the sensor; device works again.", calendar.details(id).version());

		AppointmentDetails done = calendar.details(id);
		assertThat(done.status()).isEqualTo(AppointmentStatus.DONE);
		assertThat(done.outcome()).isEqualTo("Replaced the sensor; device works again.");
		List<TimelineEntry> entries = timeline.forContact(person, List.of(InteractionKind.MEETING), null, 10).items();
		assertThat(entries).singleElement().satisfies(e -> {
			assertThat(e.subjectKey()).isEqualTo("timeline.appointment.done");
			assertThat(e.body()).isEqualTo("Replaced the sensor; device works again.");
		});
		assertThat(timeline.forAccount(account, List.of(InteractionKind.MEETING), null, 10).items()).hasSize(1);
		assertThatThrownBy(() -> outcomes.complete(id, "again", done.version())).hasFieldOrPropertyWithValue("code",
				"appointment.notScheduled");
	}

	@Test
	void aProductMustBeOneTheCustomerBought() {
		purchases.bought(account, new PurchaseHistory.Purchase(1, "Deal", 77, "Heat pump X2", "HP-X2", BigDecimal.ONE,
				BigDecimal.TEN, "EUR", LocalDate.parse("2026-01-10")));
		ScheduleAppointment base = visit(agent, MONDAY_9.plus(Duration.ofDays(2)), Duration.ofHours(1), null);

		long id = appointments
			.schedule(new ScheduleAppointment(AppointmentKind.MAINTENANCE, "Inspect heat pump", account, null, 77L,
					null, agent, base.startsAt(), base.endsAt(), null, null, null))
			.get(0);

		assertThat(calendar.details(id)).satisfies(d -> assertThat(d.productName()).isEqualTo("Heat pump X2"));
		assertThatThrownBy(() -> appointments.schedule(new ScheduleAppointment(AppointmentKind.MAINTENANCE, "Inspect",
				account, null, null, 4711L, agent, base.startsAt().plus(Duration.ofDays(1)),
				base.endsAt().plus(Duration.ofDays(1)), null, null, null)))
			.hasFieldOrPropertyWithValue("code", "appointment.unknownTicket");
		assertThat(appointments.purchasedProducts(account, null)).extracting(PurchaseHistory.Purchase::productId)
			.containsExactly(77L);
		assertThatThrownBy(() -> appointments.schedule(new ScheduleAppointment(AppointmentKind.MAINTENANCE, "Other",
				account, null, 78L, null, agent, base.startsAt().plus(Duration.ofDays(1)),
				base.endsAt().plus(Duration.ofDays(1)), null, null, null)))
			.hasFieldOrPropertyWithValue("code", "appointment.productNotPurchased");
	}

	private CrmUser staff(String role, Long team) {
		String u = unique();
		long id = jdbc
			.sql("""
					insert into users (username, full_name, password_hash, role, team_id) values (?, ?, '{noop}unused', ?, ?)
					returning id
					""")
			.params(role.toLowerCase() + "-" + u, role + " " + u, role, team)
			.query(Long.class)
			.single();
		return new CrmUser(id, role.toLowerCase() + "-" + u, role + " " + u, Role.valueOf(role), team, null, true);
	}

	@Test
	void theDeskClosesAppointmentsRepsReadAndBookOnlyForTheirCustomersOthersNothing() {
		long team = jdbc.sql("insert into teams (name) values (?) returning id")
			.param("Sales " + unique())
			.query(Long.class)
			.single();
		CrmUser rep = staff("SALES_REP", team);
		CrmUser rep2 = staff("SALES_REP", team);
		CrmUser otherManager = staff("MANAGER",
				jdbc.sql("insert into teams (name) values (?) returning id")
					.param("Other " + unique())
					.query(Long.class)
					.single());
		CrmUser marketer = staff("MARKETER", null);
		CrmUser desk = new CrmUser(agent, "agent", "Agent", Role.SUPPORT_AGENT, null, null, true);
		jdbc.sql("update accounts set owner_id = ? where id = ?").params(rep2.id(), account).update();
		long id = appointments.schedule(visit(agent, MONDAY_9.plus(Duration.ofDays(40)), Duration.ofHours(1), null))
			.get(0);
		Instant from = MONDAY_9.plus(Duration.ofDays(39));
		Instant to = MONDAY_9.plus(Duration.ofDays(42));

		// rep2 owns the customer: reads it and books for it, but closing is the desk's.
		assertThat(calendar.details(id, rep2).title()).isEqualTo("Repair visit");
		assertThat(calendar.calendar(agent, null, from, to, rep2)).extracting(CalendarEntry::id).contains(id);
		assertThatThrownBy(() -> outcomes.cancel(id, 0, rep2)).isInstanceOf(AccessDeniedException.class);
		// rep doesn't: "not found", not in the calendar, can't book for the customer
		// either.
		assertThatThrownBy(() -> calendar.details(id, rep)).isInstanceOf(NotFoundException.class);
		assertThat(calendar.calendar(agent, null, from, to, rep)).extracting(CalendarEntry::id).doesNotContain(id);
		assertThatThrownBy(() -> appointments
			.schedule(visit(agent, MONDAY_9.plus(Duration.ofDays(41)), Duration.ofHours(1), null), rep))
			.isInstanceOf(NotFoundException.class);
		assertThat(calendar.calendar(agent, null, from, to)).hasSize(1);
		// A manager of another team: "not found" on closing; a marketer has no
		// appointments at all.
		assertThatThrownBy(() -> outcomes.cancel(id, 0, otherManager)).isInstanceOf(NotFoundException.class);
		assertThatThrownBy(() -> calendar.details(id, marketer)).isInstanceOf(AccessDeniedException.class);
		assertThat(calendar.details(id).status()).isEqualTo(AppointmentStatus.SCHEDULED);
		// The desk closes it.
		outcomes.cancel(id, 0, desk);
		assertThat(calendar.details(id).status()).isEqualTo(AppointmentStatus.CANCELLED);
	}

}
