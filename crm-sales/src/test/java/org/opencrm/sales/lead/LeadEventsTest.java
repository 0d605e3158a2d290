package org.opencrm.sales.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.opencrm.sales.SalesFixtures.unique;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.opencrm.core.event.LeadCaptureRequested;
import org.opencrm.core.event.LeadScored;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.transaction.support.TransactionTemplate;

@SpringBootTest
class LeadEventsTest {

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate tx;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	IncompleteEventPublications incomplete;

	@Test
	void aCaptureRequestBecomesALeadAndAScoreLandsOnIt() {
		String email = "evt." + unique() + "@example.com";
		tx.executeWithoutResult(s -> events.publishEvent(new LeadCaptureRequested("web-form", "Contact us", null, "Eve",
				"Event", email, null, "Event Co", null, null, "Germany", null, "Please call", Instant.now())));

		Long id = await().atMost(Duration.ofSeconds(10))
			.until(() -> jdbc.sql("select id from leads where email = ?")
				.param(email)
				.query(Long.class)
				.optional()
				.orElse(null), v -> v != null);
		tx.executeWithoutResult(s -> events.publishEvent(new LeadScored(id, 77, true)));

		await().atMost(Duration.ofSeconds(10))
			.until(() -> jdbc.sql("select score from leads where id = ?").param(id).query(Integer.class).single(),
					v -> v == 77);
		assertThat(jdbc.sql("select mql from leads where id = ?").param(id).query(Boolean.class).single()).isTrue();
	}

	@Test
	void aCaptureDeliveredAgainMakesNoSecondLeadAndNoSecondNote() {
		String last = "Twice" + unique();
		String email = "twice." + unique() + "@example.com";
		tx.executeWithoutResult(s -> {
			events.publishEvent(new LeadCaptureRequested("web-form", "Contact us", null, "Tom", last, null, "+49 40 1",
					"Twice Co", null, null, "Germany", null, "Call me", Instant.now()));
			events.publishEvent(new LeadCaptureRequested("web-form", "Contact us", null, "Tina", "Twice", email, null,
					"Twice Co", null, null, "Germany", null, "Mail me", Instant.now()));
		});
		awaitCompleted(last, email);
		assertThat(leadsNamed(last)).isEqualTo(1);

		// Another node re-sends the publications (it took them for lost).
		jdbc.sql("""
				update event_publication set completion_date = null
				where event_type like '%LeadCaptureRequested' and (serialized_event like ? or serialized_event like ?)
				""").params("%" + last + "%", "%" + email + "%").update();
		incomplete.resubmitIncompletePublications(p -> p.getEvent() instanceof LeadCaptureRequested e
				&& (last.equals(e.lastName()) || email.equals(e.email())));
		awaitCompleted(last, email);

		assertThat(leadsNamed(last)).as("no twin of the lead without an e-mail").isEqualTo(1);
		Long lead = jdbc.sql("select id from leads where email = ?").param(email).query(Long.class).single();
		assertThat(jdbc.sql("select count(*) from lead_activities where lead_id = ? and subject like 'Captured again%'")
			.param(lead)
			.query(Long.class)
			.single()).isZero();
	}

	private void awaitCompleted(String last, String email) {
		await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("""
				select count(*) from event_publication
				where completion_date is null and event_type like '%LeadCaptureRequested'
				  and (serialized_event like ? or serialized_event like ?)
				""").params("%" + last + "%", "%" + email + "%").query(Long.class).single() == 0);
	}

	private long leadsNamed(String last) {
		return jdbc.sql("select count(*) from leads where last_name = ?").param(last).query(Long.class).single();
	}

}
