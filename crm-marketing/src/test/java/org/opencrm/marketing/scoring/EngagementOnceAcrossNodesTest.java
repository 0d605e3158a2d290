package org.opencrm.marketing.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.opencrm.core.event.LeadCreated;
import org.opencrm.marketing.EngagementRecorded;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 18 item 4: another node re-sends an engagement's publication while this node's
 * listener is still handling it. The engagement is counted once and the lead scored once.
 */
@SpringBootTest
class EngagementOnceAcrossNodesTest {

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	IncompleteEventPublications incomplete;

	@Autowired
	LeadScoring leadScoring;

	@Autowired
	TransactionTemplate tx;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Test
	void aPublicationResentWhileItsListenerIsMidFlightIsCountedOnce() throws Exception {
		String email = "twice." + ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE) + "@example.com";
		long lead = ThreadLocalRandom.current().nextLong(1, 1_000_000_000L);
		leadScoring.leadCreated(new LeadCreated(lead, email, "web-form", null, "Acme", "CTO", "Software", "France", 10,
				null, Instant.now()));
		Instant at = Instant.parse("2030-05-31T08:15:30.123456Z");

		try (Connection blocker = dataSource.getConnection()) {
			// Holds the lead's row, so the first delivery stops mid-flight in its
			// rescore,
			// its engagement written but not committed.
			blocker.setAutoCommit(false);
			blocker.createStatement().execute("select 1 from scored_leads where lead_id = " + lead + " for update");

			tx.executeWithoutResult(s -> events
				.publishEvent(new EngagementRecorded(null, email, EngagementRecorded.Type.OPENED, null, at)));
			await().atMost(Duration.ofSeconds(10)).until(() -> waitingOn("scored_leads") == 1);

			// The other node finds the publication incomplete and sends it again.
			incomplete.resubmitIncompletePublications(
					p -> p.getEvent() instanceof EngagementRecorded e && email.equals(e.email()));
			await().atMost(Duration.ofSeconds(10)).until(() -> waitingOn("engagements") == 1);

			blocker.rollback();
		}

		await().atMost(Duration.ofSeconds(10)).until(() -> open(email) == 0);
		assertThat(jdbc.sql("select count(*) from engagements where email = ?").param(email).query(Long.class).single())
			.isEqualTo(1);
	}

	@Test
	void aPublicationDeliveredAgainAfterItsListenerFinishedChangesNothing() {
		String email = "again." + ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE) + "@example.com";
		long lead = ThreadLocalRandom.current().nextLong(1, 1_000_000_000L);
		leadScoring.leadCreated(new LeadCreated(lead, email, "web-form", null, "Acme", "CTO", "Software", "France", 10,
				null, Instant.now()));
		EngagementRecorded opened = new EngagementRecorded(null, email, EngagementRecorded.Type.CLICKED, 7L,
				Instant.parse("2030-05-30T10:00:00Z"));

		leadScoring.engaged(opened);
		var scoredAt = jdbc.sql("select scored_at from scored_leads where lead_id = ?")
			.param(lead)
			.query(java.sql.Timestamp.class)
			.single();
		leadScoring.engaged(opened);

		assertThat(jdbc.sql("select count(*) from engagements where email = ?").param(email).query(Long.class).single())
			.isEqualTo(1);
		assertThat(jdbc.sql("select scored_at from scored_leads where lead_id = ?")
			.param(lead)
			.query(java.sql.Timestamp.class)
			.single()).as("not rescored").isEqualTo(scoredAt);
	}

	/** Sessions waiting for a lock while running a statement on {@code table}. */
	private long waitingOn(String table) {
		return jdbc.sql("""
				select count(*) from pg_stat_activity
				where datname = current_database() and wait_event_type = 'Lock' and query ilike ?
				  and pid <> pg_backend_pid()
				""").param("%" + table + "%").query(Long.class).single();
	}

	private long open(String email) {
		return jdbc.sql("""
				select count(*) from event_publication
				where completion_date is null and event_type like '%EngagementRecorded' and serialized_event like ?
				""").param("%" + email + "%").query(Long.class).single();
	}

}
