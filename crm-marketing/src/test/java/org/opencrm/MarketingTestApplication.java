package org.opencrm;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.opencrm.core.event.LeadCaptureRequested;
import org.opencrm.core.event.LeadScored;
import org.opencrm.core.port.ContactCriterion;
import org.opencrm.test.MovableClock;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.context.event.EventListener;

/**
 * Boots crm-marketing (with crm-core) for its own tests: one context for all of them,
 * with a clock tests can move, a fact another module would provide, and a recorder of the
 * events marketing sends to other modules.
 */
@SpringBootApplication
@TestComponent
public class MarketingTestApplication {

	/**
	 * Stands in for sales' "has open deal": contacts whose title is exactly "Deal
	 * holder".
	 */
	@Bean
	ContactCriterion dealHolder() {
		return new ContactCriterion() {
			@Override
			public String key() {
				return "test-deal-holder";
			}

			@Override
			public String labelCode() {
				return "segment.fact.test";
			}

			@Override
			public String sql(String contactIdColumn) {
				return "exists (select 1 from contacts x where x.id = " + contactIdColumn
						+ " and x.title = 'Deal holder')";
			}
		};
	}

	/**
	 * Fixed at 1 June 2030 until a test moves it (campaign tests reset it to real time).
	 */
	@Bean
	@Primary
	MovableClock testClock() {
		MovableClock clock = MovableClock.running(ZoneOffset.UTC);
		clock.set(Instant.parse("2030-06-01T12:00:00Z"));
		return clock;
	}

	@Bean
	SentEvents sentEvents() {
		return new SentEvents();
	}

	/**
	 * Every LeadCaptureRequested and LeadScored published, as published (in the raising
	 * transaction).
	 */
	public static final class SentEvents {

		public final List<LeadCaptureRequested> captures = new CopyOnWriteArrayList<>();

		public final List<LeadScored> scored = new CopyOnWriteArrayList<>();

		@EventListener
		void on(LeadCaptureRequested e) {
			captures.add(e);
		}

		@EventListener
		void on(LeadScored e) {
			scored.add(e);
		}

	}

}
