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
import org.springframework.transaction.support.TransactionTemplate;

@SpringBootTest
class LeadEventsTest {

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate tx;

	@Autowired
	JdbcClient jdbc;

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

}
