package org.opencrm.service.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencrm.core.shared.StaleEditException;
import org.opencrm.service.DeskFixtures.Fixtures;
import org.opencrm.service.ServiceDeskTest;
import org.opencrm.service.ticket.AddReply;
import org.opencrm.service.ticket.OpenTicket;
import org.opencrm.service.ticket.ReplyAuthor;
import org.opencrm.service.ticket.SlaState;
import org.opencrm.service.ticket.TicketChannel;
import org.opencrm.service.ticket.TicketDetails;
import org.opencrm.service.ticket.TicketService;
import org.opencrm.service.ticket.TicketLookup;
import org.opencrm.service.ticket.TicketReplies;
import org.opencrm.service.ticket.TicketActions;
import org.opencrm.service.ticket.TicketStatus;
import org.opencrm.test.MovableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * SLA due times on a real policy and calendar: planned on open, paused while pending, met
 * or breached.
 */
@ServiceDeskTest
class SlaClockTest {

	@Autowired
	TicketService tickets;

	@Autowired
	TicketLookup ticketLookup;

	@Autowired
	TicketReplies ticketReplies;

	@Autowired
	TicketActions ticketActions;

	@Autowired
	SlaMonitor monitor;

	@Autowired
	MovableClock clock;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	long agent;

	@BeforeEach
	void setUp() {
		fixtures.noRoutingRules();
		// Berlin office hours Mon–Fri 09–17, Monday 18 March 2030 a holiday; 4 h to
		// answer, 2 days to resolve.
		long calendar = fixtures.officeCalendar("Europe/Berlin", LocalDate.of(2030, 3, 18));
		fixtures.onlyPolicy(calendar, 240, 960, false, false, false);
		agent = fixtures.agent("Sla Agent");
	}

	private long openAt(String instant) {
		clock.set(Instant.parse(instant));
		return tickets.open(OpenTicket.fromEmail(TicketChannel.EMAIL,
				"sla-" + org.opencrm.service.DeskFixtures.unique() + "@example.com", "Sam Sla", "Where is my order?",
				"Order 42"))
			.id();
	}

	@Test
	void dueTimesAreCountedInBusinessTimeAcrossTheWeekendAndAHoliday() {
		long id = openAt("2030-03-15T14:00:00Z"); // Friday 15:00 Berlin

		TicketDetails t = ticketLookup.details(id);
		assertThat(t.firstResponseDueAt()).isEqualTo(Instant.parse("2030-03-19T10:00:00Z"));
		assertThat(t.firstResponseWarnAt()).isEqualTo(Instant.parse("2030-03-19T09:12:00Z"));
		assertThat(t.resolutionDueAt()).isEqualTo(Instant.parse("2030-03-20T14:00:00Z"));
		assertThat(t.slaPolicyName()).startsWith("Test");
	}

	@Test
	void theClockStandsStillWhilePendingCustomerAndTheDueTimeShiftsByThePause() {
		long id = openAt("2030-03-19T08:00:00Z"); // Tuesday 09:00 Berlin
		assertThat(ticketLookup.details(id).resolutionDueAt()).isEqualTo(Instant.parse("2030-03-20T16:00:00Z"));

		clock.set(Instant.parse("2030-03-19T09:00:00Z")); // Tuesday 10:00
		ticketReplies.addReply(id, AddReply.publicReply(ReplyAuthor.agent(agent), "Which order?"));
		ticketActions.changeStatus(id, TicketStatus.PENDING_CUSTOMER, null);
		clock.set(Instant.parse("2030-03-20T17:00:00Z")); // Wednesday 18:00, past the old
															// due time
		assertThat(ticketLookup.details(id).resolutionState(clock.instant())).isEqualTo(SlaState.PAUSED);
		monitor.scan();
		assertThat(jdbc.sql("select count(*) from sla_events where ticket_id = ? and metric = 'RESOLUTION'")
			.param(id)
			.query(Long.class)
			.single()).isZero();

		clock.set(Instant.parse("2030-03-21T08:00:00Z")); // Thursday 09:00: paused Tue
															// 10–17 and Wed all day = 15
															// h
		ticketReplies.addReply(id, AddReply.publicReply(ReplyAuthor.customer(null), "Order 42"));

		TicketDetails t = ticketLookup.details(id);
		assertThat(t.status()).isEqualTo(TicketStatus.OPEN);
		// 16 business hours + 15 paused = Tue 8 h + Wed 8 h + Thu 8 h + Fri 7 h → Friday
		// 16:00 Berlin.
		assertThat(t.resolutionDueAt()).isEqualTo(Instant.parse("2030-03-22T15:00:00Z"));
		assertThat(t.resolutionState(clock.instant())).isEqualTo(SlaState.ON_TRACK);
	}

	@Test
	void theFirstPublicAgentReplyInTimeMeetsTheFirstResponseTarget() {
		long id = openAt("2030-03-19T08:00:00Z");

		clock.set(Instant.parse("2030-03-19T09:00:00Z"));
		ticketReplies.addReply(id, AddReply.internalNote(agent, "Checking"));
		ticketReplies.addReply(id, AddReply.publicReply(ReplyAuthor.agent(agent), "On it"));

		assertThat(ticketLookup.details(id).firstResponseState(clock.instant())).isEqualTo(SlaState.MET);
	}

	@Test
	void noAnswerInTimeBreachesTheFirstResponseTargetAndALateAnswerMissesIt() {
		long id = openAt("2030-03-19T08:00:00Z"); // due Tuesday 13:00 Berlin (12:00 UTC)

		clock.set(Instant.parse("2030-03-19T11:30:00Z"));
		assertThat(ticketLookup.details(id).firstResponseState(clock.instant())).isEqualTo(SlaState.WARNING);
		clock.set(Instant.parse("2030-03-19T12:30:00Z"));
		assertThat(ticketLookup.details(id).firstResponseState(clock.instant())).isEqualTo(SlaState.BREACHED);
		monitor.scan();
		assertThat(jdbc
			.sql("select kind from sla_events where ticket_id = ? and metric = 'FIRST_RESPONSE' order by kind desc")
			.param(id)
			.query(String.class)
			.list()).containsExactly("WARNING", "BREACH");

		ticketReplies.addReply(id, AddReply.publicReply(ReplyAuthor.agent(agent), "Sorry for the wait"));
		assertThat(ticketLookup.details(id).firstResponseState(clock.instant())).isEqualTo(SlaState.MISSED);
	}

	@Test
	void theMonitorMovesTheNextCheckThroughTheTicketSoAnEditLoadedBeforeItConflicts() {
		long id = openAt("2030-03-19T08:00:00Z"); // warning Tuesday 11:12 UTC, first
													// response due 12:00 UTC
		long seen = ticketLookup.details(id).version();

		clock.set(Instant.parse("2030-03-19T11:30:00Z"));
		monitor.scan();
		monitor.scan();

		assertThat(jdbc.sql("select kind from sla_events where ticket_id = ?").param(id).query(String.class).list())
			.containsExactly("WARNING");
		assertThat(
				jdbc.sql("select sla_next_check_at from tickets where id = ?").param(id).query(Instant.class).single())
			.isEqualTo(Instant.parse("2030-03-19T12:00:00Z"));
		assertThat(ticketLookup.details(id).version()).isEqualTo(seen + 1);
		assertThatThrownBy(() -> ticketActions.changeStatus(id, TicketStatus.ON_HOLD, seen))
			.isInstanceOf(StaleEditException.class);
	}

}
