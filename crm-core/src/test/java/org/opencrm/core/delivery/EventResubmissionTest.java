package org.opencrm.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.EventPublication;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two nodes on one database: only the lease holder re-sends, only stale publications, and
 * another node takes over once the lease expires.
 */
@SpringBootTest
class EventResubmissionTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	EventReceipts receipts;

	@Autowired
	TransactionTemplate tx;

	final Recorder nodeA = new Recorder();

	final Recorder nodeB = new Recorder();

	@BeforeEach
	void noLeaseYet() {
		jdbc.sql("delete from job_leases where job = ?").param(EventResubmission.JOB).update();
	}

	@Test
	void onlyTheLeaseHolderResendsAndOnlyStalePublications() {
		var settings = new EventResubmissionSettings(true, Duration.ofMinutes(5), Duration.ofMinutes(1),
				Duration.ofMinutes(3), Duration.ofDays(30));
		var a = new EventResubmission(nodeA, jdbc, settings);
		var b = new EventResubmission(nodeB, jdbc, settings);

		assertThat(a.resubmitStale()).isTrue();
		assertThat(b.resubmitStale()).isFalse();
		assertThat(a.resubmitStale()).as("renewed").isTrue();

		assertThat(nodeA.olderThan).containsExactly(Duration.ofMinutes(5), Duration.ofMinutes(5));
		assertThat(nodeB.olderThan).isEmpty();
	}

	@Test
	void anotherNodeTakesOverAnExpiredLeaseAndACleanStopHandsItOn() {
		var settings = new EventResubmissionSettings(true, Duration.ofMinutes(5), Duration.ofMinutes(1),
				Duration.ofMinutes(3), Duration.ofDays(30));
		var a = new EventResubmission(nodeA, jdbc, settings);
		var b = new EventResubmission(nodeB, jdbc, settings);
		assertThat(a.resubmitStale()).isTrue();

		// Node A was killed: its lease runs out.
		jdbc.sql("update job_leases set expires_at = now() - interval '1 second' where job = ?")
			.param(EventResubmission.JOB)
			.update();
		assertThat(b.resubmitStale()).isTrue();
		assertThat(a.resubmitStale()).isFalse();

		b.release();
		assertThat(a.resubmitStale()).isTrue();
	}

	@Test
	void aReceiptIsGivenOncePerEvent() {
		record Captured(String email, java.time.Instant at) {
		}
		var event = new Captured("once@example.com", java.time.Instant.parse("2030-01-01T10:00:00.123456789Z"));
		var same = new Captured("once@example.com", java.time.Instant.parse("2030-01-01T10:00:00.123456789Z"));
		String consumer = "test." + System.nanoTime();

		assertThat(deliver(consumer, event)).isTrue();
		assertThat(deliver(consumer, same)).isFalse();
		assertThat(deliver("other." + consumer, same)).isTrue();
		// A listener that fails leaves no receipt: the next delivery acts.
		var later = new Captured("once@example.com", java.time.Instant.parse("2030-01-02T10:00:00Z"));
		tx.executeWithoutResult(s -> {
			receipts.firstDelivery(consumer, later);
			s.setRollbackOnly();
		});
		assertThat(deliver(consumer, later)).isTrue();
	}

	private boolean deliver(String consumer, Object event) {
		return Boolean.TRUE.equals(tx.execute(s -> receipts.firstDelivery(consumer, event)));
	}

	/**
	 * Stands in for Spring Modulith's registry on one node: what it was asked to re-send.
	 */
	static final class Recorder implements IncompleteEventPublications {

		final List<Duration> olderThan = new CopyOnWriteArrayList<>();

		@Override
		public void resubmitIncompletePublications(Predicate<EventPublication> filter) {
			throw new UnsupportedOperationException("only stale publications are re-sent");
		}

		@Override
		public void resubmitIncompletePublicationsOlderThan(Duration duration) {
			olderThan.add(duration);
		}

		@Override
		public void resubmitIncompletePublications(ResubmissionOptions options) {
			throw new UnsupportedOperationException("only stale publications are re-sent");
		}

	}

}
