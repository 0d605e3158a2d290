package org.opencrm.service.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencrm.service.DeskFixtures;
import org.opencrm.service.DeskFixtures.Fixtures;
import org.opencrm.service.ServiceDeskTest;
import org.opencrm.service.ticket.OpenTicket;
import org.opencrm.service.ticket.TicketChannel;
import org.opencrm.service.ticket.TicketPriority;
import org.opencrm.service.ticket.TicketLookup;
import org.opencrm.service.ticket.TicketService;
import org.opencrm.test.MovableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@ServiceDeskTest
class EscalationTest {

	@Autowired
	TicketService tickets;

	@Autowired
	TicketLookup ticketLookup;

	@Autowired
	SlaMonitor monitor;

	@Autowired
	MovableClock clock;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	long calendar;

	@BeforeEach
	void setUp() {
		fixtures.noRoutingRules();
		calendar = fixtures.officeCalendar("UTC");
		clock.set(Instant.parse("2030-04-02T09:00:00Z")); // a Tuesday
	}

	private long count(String sql, Object... params) {
		return jdbc.sql(sql).params(params).query(Long.class).single();
	}

	@Test
	void aBreachEscalatesExactlyOnceEvenWithTwoSchedulersRunningAtOnce() throws Exception {
		fixtures.onlyPolicy(calendar, 30, 60, true, true, false);
		fixtures.manager("Mia Manager");
		long id = tickets
			.open(OpenTicket.fromEmail(TicketChannel.EMAIL, "esc-" + DeskFixtures.unique() + "@example.com",
					"Eve Escalated", "Down!", "Everything is down"))
			.id();
		clock.set(Instant.parse("2030-04-02T11:00:00Z")); // both targets passed

		ExecutorService pool = Executors.newFixedThreadPool(2);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Integer>> runs = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			runs.add(pool.submit(() -> {
				start.await();
				return monitor.scan();
			}));
		}
		start.countDown();
		for (Future<Integer> run : runs) {
			run.get(30, TimeUnit.SECONDS);
		}
		pool.shutdown();
		monitor.scan();

		assertThat(count("select count(*) from sla_events where ticket_id = ?", id)).isEqualTo(4);
		assertThat(count("select count(*) from sla_events where ticket_id = ? and kind = 'BREACH'", id)).isEqualTo(2);
		assertThat(count("select count(*) from tasks where related_ref = ?", "ticket:" + id)).isEqualTo(2);
		// Raised once per breach: NORMAL → HIGH → URGENT.
		assertThat(ticketLookup.details(id).priority()).isEqualTo(TicketPriority.URGENT);
		assertThat(count("select count(*) from tickets where id = ? and sla_next_check_at is null", id)).isEqualTo(1);
	}

	@Test
	void aBreachReassignsToTheQueuesNextAvailableAgent() {
		fixtures.onlyPolicy(calendar, 30, 600, false, false, true);
		long first = fixtures.agent("First Agent");
		long second = fixtures.agent("Second Agent");
		long queue = fixtures.queue("Escalation test", first, second);
		long id = tickets
			.open(new OpenTicket(TicketChannel.PHONE, null, null, "re-" + DeskFixtures.unique() + "@example.com", null,
					"Slow", null, null, null, queue, first, List.of(), null, null, List.of(), null))
			.id();
		clock.set(Instant.parse("2030-04-02T09:45:00Z"));

		monitor.scan();

		assertThat(ticketLookup.details(id).assigneeId()).isEqualTo(second);
		// the breach keeps what it did as message keys (shown in the reader's language),
		// a
		// warning none
		assertThat(monitor.eventsFor(id)).filteredOn(e -> e.kind().equals("BREACH"))
			.singleElement()
			.satisfies(e -> assertThat(e.actions()).containsExactly("ticket.note.sla.reassigned"));
		assertThat(monitor.eventsFor(id)).filteredOn(e -> e.kind().equals("WARNING"))
			.allSatisfy(e -> assertThat(e.actions()).isNull());
	}

	@Test
	void theBreachNoteOnTheTicketIsAMessageKeyNotEnglishText() {
		fixtures.onlyPolicy(calendar, 30, 600, false, false, true);
		long first = fixtures.agent("First Agent");
		long second = fixtures.agent("Second Agent");
		long queue = fixtures.queue("Note test", first, second);
		long id = tickets
			.open(new OpenTicket(TicketChannel.PHONE, null, null, "note-" + DeskFixtures.unique() + "@example.com",
					null, "Slow", null, null, null, queue, first, List.of(), null, null, List.of(), null))
			.id();
		clock.set(Instant.parse("2030-04-02T09:45:00Z"));

		monitor.scan();

		var note = jdbc.sql("""
				select body, body_key, body_args::text as args from ticket_messages
				where ticket_id = ? and author_kind = 'SYSTEM' and internal
				""").param(id).query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3))).single();
		assertThat(note.get(0)).isEmpty();
		assertThat(note.get(1)).isEqualTo("ticket.note.slaBreached.1");
		assertThat(note.get(2)).contains("task.sla.target.FIRST_RESPONSE").contains("ticket.note.sla.reassigned");
	}

}
