package org.opencrm.service.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.service.DeskFixtures;
import org.opencrm.service.DeskFixtures.Fixtures;
import org.opencrm.service.ServiceDeskTest;
import org.opencrm.service.ticket.AddReply;
import org.opencrm.service.ticket.OpenTicket;
import org.opencrm.service.ticket.ReplyAuthor;
import org.opencrm.service.ticket.SlaDeadline;
import org.opencrm.service.ticket.SlaState;
import org.opencrm.service.ticket.TicketChannel;
import org.opencrm.service.ticket.TicketPriority;
import org.opencrm.service.ticket.TicketLookup;
import org.opencrm.service.ticket.TicketService;
import org.opencrm.core.shared.CappedCount;
import org.opencrm.service.ticket.TicketActions;
import org.opencrm.service.ticket.TicketReplies;
import org.opencrm.service.ticket.TicketStatus;
import org.opencrm.test.MovableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@ServiceDeskTest
class AgentQueueTest {

	@Autowired
	AgentQueue queue;

	@Autowired
	TicketService tickets;

	@Autowired
	TicketLookup ticketLookup;

	@Autowired
	TicketActions ticketActions;

	@Autowired
	TicketReplies ticketReplies;

	@Autowired
	Fixtures fixtures;

	@Autowired
	MovableClock clock;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void setUp() {
		fixtures.noRoutingRules();
		clock.set(Instant.parse("2030-05-07T09:00:00Z"));
	}

	private long openIn(long queueId, TicketPriority priority) {
		return tickets
			.open(new OpenTicket(TicketChannel.PORTAL, null, null, "q-" + DeskFixtures.unique() + "@example.com", null,
					"Queue ticket", "Help", null, priority, queueId, null, List.of(), null, null, List.of(), null))
			.id();
	}

	@Test
	void severalAgentsPressingNextAtOnceNeverGetTheSameTicket() throws Exception {
		int agents = 8;
		long[] ids = new long[agents];
		for (int i = 0; i < agents; i++) {
			ids[i] = fixtures.agent("Racer " + i);
		}
		long q = fixtures.queue("Race", ids);
		for (int i = 0; i < 5; i++) {
			openIn(q, TicketPriority.NORMAL);
		}

		ExecutorService pool = Executors.newFixedThreadPool(agents);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Optional<Long>>> results = new ArrayList<>();
		for (long agent : ids) {
			results.add(pool.submit(() -> {
				start.await();
				return queue.nextTicket(agent);
			}));
		}
		start.countDown();
		List<Long> claimed = new ArrayList<>();
		for (Future<Optional<Long>> r : results) {
			r.get(60, TimeUnit.SECONDS).ifPresent(claimed::add);
		}
		pool.shutdown();

		assertThat(claimed).isNotEmpty().doesNotHaveDuplicates();
		assertThat(jdbc.sql("select count(*) from tickets where queue_id = ? and assignee_id is not null")
			.param(q)
			.query(Long.class)
			.single()).isEqualTo(claimed.size());
		assertThat(jdbc.sql("select count(distinct assignee_id) from tickets where queue_id = ?")
			.param(q)
			.query(Long.class)
			.single()).isEqualTo(claimed.size());
	}

	@Test
	void nextTakesTheMostUrgentUnassignedTicketOfMyQueues() {
		long me = fixtures.agent("Next Agent");
		long mine = fixtures.queue("Mine", me);
		long other = fixtures.queue("Other");
		openIn(other, TicketPriority.URGENT);
		long low = openIn(mine, TicketPriority.LOW);
		long earlier = openIn(mine, TicketPriority.NORMAL);

		assertThat(queue.nextTicket(me)).contains(low);
		assertThat(queue.nextTicket(me)).contains(earlier);
		assertThat(queue.nextTicket(me)).isEmpty();
		assertThat(ticketLookup.details(low).status()).isEqualTo(TicketStatus.OPEN);
	}

	@Test
	void nextTakesTheMostUrgentAcrossAllMyQueuesAndSkipsWhatIsNotWaiting() {
		long me = fixtures.agent("Two Queue Agent");
		long first = fixtures.queue("First of two", me);
		long second = fixtures.queue("Second of two", me);
		long pending = openIn(second, TicketPriority.NORMAL);
		ticketActions.changeStatus(pending, TicketStatus.PENDING_CUSTOMER, null);
		clock.set(Instant.parse("2030-05-07T09:05:00Z"));
		long oldest = openIn(second, TicketPriority.NORMAL);
		clock.set(Instant.parse("2030-05-07T09:10:00Z"));
		long middle = openIn(first, TicketPriority.NORMAL);
		clock.set(Instant.parse("2030-05-07T09:15:00Z"));
		long newest = openIn(second, TicketPriority.NORMAL);

		assertThat(queue.nextTicket(me)).contains(oldest);
		assertThat(queue.nextTicket(me)).contains(middle);
		assertThat(queue.nextTicket(me)).contains(newest);
		assertThat(queue.nextTicket(me)).isEmpty();
	}

	@Test
	void viewsListAndCountActiveTickets() {
		long me = fixtures.agent("View Agent");
		long q = fixtures.queue("Views", me);
		long a = openIn(q, TicketPriority.HIGH);
		openIn(q, TicketPriority.LOW);
		ticketActions.claim(a, me);

		QueuePage mine = queue.list(QueueView.MINE, QueueFilter.none(), me, false, null, 25);
		QueuePage unassigned = queue.list(QueueView.UNASSIGNED, new QueueFilter(null, null, null, q, null), me, false,
				null, 25);

		assertThat(mine.page().items()).extracting(QueueRow::id).containsExactly(a);
		assertThat(mine.counts().mine().value()).isEqualTo(1);
		assertThat(mine.counts().myQueues().value()).isEqualTo(2);
		assertThat(mine.counts().all()).isNull();
		assertThat(unassigned.page().items()).hasSize(1);
		assertThatThrownBy(() -> queue.list(QueueView.ALL, QueueFilter.none(), me, false, null, 25))
			.isInstanceOf(RuleViolationException.class);
	}

	@Test
	void aViewsCountStopsAtTheHeadingCapAndThePageSaysThereAreMore() {
		long me = fixtures.agent("Busy Agent");
		long q = fixtures.queue("Busy", me);
		int cap = CappedCount.HEADING_CAP;
		jdbc.sql(
				"""
						insert into tickets (number, subject, type, priority, status, channel, opened_at, queue_sort_at, queue_id,
						                     assignee_id)
						select 'BUSY-' || ? || '-' || g, 'Busy ' || g, 'INCIDENT', 'NORMAL', 'OPEN', 'EMAIL', now(),
						       now() + make_interval(mins => g), ?, ?
						from generate_series(1, ?) g
						""")
			.params(me, q, me, cap + 1)
			.update();

		QueuePage mine = queue.list(QueueView.MINE, QueueFilter.none(), me, true, null, 25);

		assertThat(mine.counts().mine()).isEqualTo(new CappedCount(cap, true));
		assertThat(mine.counts().myQueues()).isEqualTo(new CappedCount(cap, true));
		assertThat(mine.counts().all().capped()).isTrue();
		assertThat(mine.page().total()).isEqualTo(new CappedCount(cap, true));
		assertThat(mine.page().items()).hasSize(25);
		assertThat(mine.page().hasNext()).isTrue();
	}

	@Test
	void bulkActionsChangeWhatTheRulesAllowAndCountTheRest() {
		long me = fixtures.agent("Bulk Agent");
		long q = fixtures.queue("Bulk", me);
		long a = openIn(q, TicketPriority.LOW);
		long b = openIn(q, TicketPriority.LOW);
		ticketActions.changeStatus(b, TicketStatus.RESOLVED, null);

		BulkResult result = queue.bulk(List.of(a, b), BulkAction.STATUS, "ON_HOLD");

		assertThat(result).isEqualTo(new BulkResult(1, 1));
		assertThat(ticketLookup.details(a).status()).isEqualTo(TicketStatus.ON_HOLD);
		assertThat(queue.bulk(List.of(a), BulkAction.PRIORITY, "URGENT").done()).isEqualTo(1);
		assertThat(ticketLookup.details(a).priority()).isEqualTo(TicketPriority.URGENT);
		assertThatThrownBy(() -> queue.bulk(List.of(a), BulkAction.PRIORITY, "SOON"))
			.isInstanceOf(RuleViolationException.class);
	}

	@Test
	void theQueueOrdersByTheDeadlineItShowsAndFlagsALateFirstResponse() {
		// UTC office hours Mon–Fri 09–17: 1 h to answer, 8 h to resolve.
		fixtures.onlyPolicy(fixtures.officeCalendar("UTC"), 60, 480, false, false, false);
		long me = fixtures.agent("Deadline Agent");
		long q = fixtures.queue("Deadlines", me);
		clock.set(Instant.parse("2030-05-07T09:00:00Z"));
		long answered = openIn(q, TicketPriority.NORMAL); // resolution due Tue 17:00
		clock.set(Instant.parse("2030-05-07T09:10:00Z"));
		ticketReplies.addReply(answered, AddReply.publicReply(ReplyAuthor.agent(me), "On it."));
		clock.set(Instant.parse("2030-05-07T10:00:00Z"));
		long waiting = openIn(q, TicketPriority.NORMAL); // first response due Tue 11:00
		clock.set(Instant.parse("2030-05-07T10:30:00Z"));
		long late = openIn(q, TicketPriority.NORMAL); // first response due 11:30,
														// answered 12:00
		clock.set(Instant.parse("2030-05-07T12:00:00Z"));
		ticketReplies.addReply(late, AddReply.publicReply(ReplyAuthor.agent(me), "Sorry for the wait."));

		List<QueueRow> rows = queue.list(QueueView.MY_QUEUES, QueueFilter.none(), me, false, null, 25).page().items();

		// Ordered by resolution alone, "waiting" (due Wed 10:00) would come after
		// "answered" (Tue 17:00), while its column showed 11:00.
		assertThat(rows).extracting(QueueRow::id).containsExactly(waiting, answered, late);
		Instant now = Instant.parse("2030-05-07T12:00:00Z");
		SlaDeadline first = rows.get(0).deadline(now);
		assertThat(first.target()).isEqualTo(SlaDeadline.Target.FIRST_RESPONSE);
		assertThat(first.dueAt()).isEqualTo(Instant.parse("2030-05-07T11:00:00Z"));
		assertThat(first.state()).isEqualTo(SlaState.BREACHED);
		assertThat(first.tint()).isEqualTo("table-danger");
		SlaDeadline lateOne = rows.get(2).deadline(now);
		assertThat(lateOne.target()).isEqualTo(SlaDeadline.Target.RESOLUTION);
		assertThat(lateOne.dueAt()).isEqualTo(Instant.parse("2030-05-08T10:30:00Z"));
		assertThat(lateOne.state()).isEqualTo(SlaState.ON_TRACK);
		assertThat(lateOne.firstResponseMissed()).isTrue();
		assertThat(lateOne.tint()).isEqualTo("table-danger");
		assertThat(rows.get(1).deadline(now).tint()).isEmpty();
		// "Next ticket" takes the same most urgent one.
		ticketActions.assign(answered, null, null);
		ticketActions.assign(late, null, null);
		assertThat(queue.nextTicket(me)).contains(waiting);
	}

}
