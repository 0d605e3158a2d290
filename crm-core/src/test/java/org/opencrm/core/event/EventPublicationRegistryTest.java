package org.opencrm.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.opencrm.core.TestData.contact;
import static org.opencrm.core.TestData.unique;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.opencrm.core.contact.ContactService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.transaction.support.TransactionTemplate;

@SpringBootTest
class EventPublicationRegistryTest {

	static final Duration PATIENCE = Duration.ofSeconds(10);

	/** Stands in for another module reacting to core's events. */
	static class ContactCreatedListener {

		private final Map<Long, Boolean> heard = new ConcurrentHashMap<>();

		private final JdbcClient jdbc;

		ContactCreatedListener(JdbcClient jdbc) {
			this.jdbc = jdbc;
		}

		@ApplicationModuleListener
		void on(ContactCreated event) {
			boolean committed = jdbc.sql("select count(*) from contacts where id = ?")
				.param(event.contactId())
				.query(Long.class)
				.single() == 1;
			heard.put(event.contactId(), committed);
			if (event.email().startsWith("fail")) {
				throw new IllegalStateException("Listener failed on purpose for " + event.email());
			}
		}

		/**
		 * For each contact the listener heard of: whether it could already read the
		 * contact's row. A method, not a field: the bean is a proxy (the listener is
		 * async and transactional).
		 */
		Map<Long, Boolean> heard() {
			return heard;
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Listeners {

		@Bean
		ContactCreatedListener contactCreatedListener(JdbcClient jdbc) {
			return new ContactCreatedListener(jdbc);
		}

	}

	record Publication(String listenerId, String eventType, boolean completed, String status) {
	}

	@Autowired
	ContactService contacts;

	@Autowired
	ContactCreatedListener listener;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aModuleListenerHearsOfANewContactOnlyAfterTheTransactionCommits() {
		String email = "after.commit." + unique() + "@example.com";

		long id = transactions.execute(tx -> {
			long created = contacts.create(contact("After", "Commit", email, null));
			// Still inside the raising transaction: stored for delivery, not yet
			// delivered.
			assertThat(listener.heard()).doesNotContainKey(created);
			assertThat(publications(created)).singleElement().satisfies(p -> assertThat(p.completed()).isFalse());
			return created;
		});

		await().atMost(PATIENCE).until(() -> listener.heard().containsKey(id));
		assertThat(listener.heard().get(id)).as("the contact's row was committed when the listener ran").isTrue();
	}

	@Test
	void aPublicationIsStoredAndMarkedCompleteWhenTheListenerSucceeds() {
		long id = contacts.create(contact("Stored", "Event", "stored." + unique() + "@example.com", null));

		await().atMost(PATIENCE).until(() -> publications(id).stream().allMatch(Publication::completed));

		assertThat(publications(id)).singleElement().satisfies(p -> {
			assertThat(p.eventType()).isEqualTo(ContactCreated.class.getName());
			assertThat(p.listenerId()).contains(ContactCreatedListener.class.getSimpleName()).contains("on");
			assertThat(p.status()).isEqualTo("COMPLETED");
		});
	}

	@Test
	void aFailingListenerLeavesItsPublicationIncompleteForResubmission() {
		long id = contacts.create(contact("Fail", "Ing", "fail." + unique() + "@example.com", null));

		await().atMost(PATIENCE).until(() -> listener.heard().containsKey(id));
		await().atMost(PATIENCE).until(() -> "FAILED".equals(publications(id).get(0).status()));

		assertThat(publications(id)).singleElement().satisfies(p -> assertThat(p.completed()).isFalse());
	}

	@Test
	void aRolledBackContactIsNeitherStoredNorDelivered() {
		String email = "rolled.back." + unique() + "@example.com";

		long id = transactions.execute(tx -> {
			long created = contacts.create(contact("Rolled", "Back", email, null));
			tx.setRollbackOnly();
			return created;
		});
		long later = contacts.create(contact("Comes", "Later", "later." + unique() + "@example.com", null));

		await().atMost(PATIENCE).until(() -> listener.heard().containsKey(later));
		assertThat(listener.heard()).doesNotContainKey(id);
		assertThat(publications(id)).isEmpty();
	}

	private List<Publication> publications(long contactId) {
		return jdbc.sql("""
				select listener_id, event_type, completion_date is not null as completed, status
				from event_publication
				where event_type = :type and (serialized_event::jsonb ->> 'contactId')::bigint = :contact
				""")
			.param("type", ContactCreated.class.getName())
			.param("contact", contactId)
			.query(Publication.class)
			.list();
	}

}
