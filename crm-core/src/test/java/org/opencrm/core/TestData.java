package org.opencrm.core;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.opencrm.core.account.AccountCommand;
import org.opencrm.core.contact.ContactCommand;
import org.opencrm.core.shared.LifecycleStage;
import org.opencrm.core.task.CreateTask;
import org.opencrm.core.task.Reminder;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Builders for test records: sensible defaults, change only what a test is about. */
public final class TestData {

	private TestData() {
	}

	/**
	 * A short run of letters to make names, tags and user names unique per test: all
	 * tests of a JVM share one database. Letters only, so full-text and trigram matching
	 * treat it as one word.
	 */
	public static String unique() {
		StringBuilder s = new StringBuilder();
		for (int i = 0; i < 8; i++) {
			s.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
		}
		return s.toString();
	}

	public static AccountCommand account(String name) {
		return anAccount(name).build();
	}

	public static AccountBuilder anAccount(String name) {
		return new AccountBuilder(name);
	}

	public static AccountCommand withVersion(AccountCommand a, long version) {
		return new AccountCommand(a.name(), a.domain(), a.industry(), a.phone(), a.email(), a.website(), a.street(),
				a.city(), a.postalCode(), a.country(), a.lifecycleStage(), a.ownerId(), a.tags(), version);
	}

	public static ContactCommand contact(String first, String last, String email, Long accountId) {
		return new ContactCommand(first, last, null, email, null, null, null, null, null, null, accountId,
				LifecycleStage.LEAD, null, List.of(), false, false, 0);
	}

	public static ContactCommand withVersion(ContactCommand c, long version) {
		return new ContactCommand(c.firstName(), c.lastName(), c.title(), c.email(), c.phone(), c.mobile(), c.street(),
				c.city(), c.postalCode(), c.country(), c.accountId(), c.lifecycleStage(), c.ownerId(), c.tags(),
				c.consentEmail(), c.consentPhone(), version);
	}

	/**
	 * A follow-up for a user, about nobody in particular until {@code about...} says so.
	 */
	public static CreateTask task(String title, Instant dueAt, long assigneeId) {
		return new CreateTask(title, null, dueAt, assigneeId, null, null, null);
	}

	public static CreateTask aboutContact(CreateTask t, long contactId) {
		return new CreateTask(t.title(), t.description(), t.dueAt(), t.assigneeId(), t.accountId(), contactId,
				t.relatedRef(), t.reminder());
	}

	public static CreateTask remindingAt(CreateTask t, Reminder reminder) {
		return new CreateTask(t.title(), t.description(), t.dueAt(), t.assigneeId(), t.accountId(), t.contactId(),
				t.relatedRef(), reminder);
	}

	/**
	 * Inserts an enabled sales rep and returns the id. Users are rows the other records
	 * point at (owners, assignees), so tests insert them directly rather than through the
	 * user service.
	 */
	public static long user(JdbcClient jdbc, String username, String fullName) {
		return jdbc.sql("""
				insert into users (username, full_name, password_hash, role)
				values (?, ?, '{noop}unused', 'SALES_REP')
				returning id
				""").params(username, fullName).query(Long.class).single();
	}

	public static final class AccountBuilder {

		private final String name;

		private String domain;

		private LifecycleStage stage = LifecycleStage.LEAD;

		private Long ownerId;

		private List<String> tags = List.of();

		private AccountBuilder(String name) {
			this.name = name;
		}

		public AccountBuilder domain(String domain) {
			this.domain = domain;
			return this;
		}

		public AccountBuilder stage(LifecycleStage stage) {
			this.stage = stage;
			return this;
		}

		public AccountBuilder owner(Long ownerId) {
			this.ownerId = ownerId;
			return this;
		}

		public AccountBuilder tags(String... tags) {
			this.tags = List.of(tags);
			return this;
		}

		public AccountCommand build() {
			return new AccountCommand(name, domain, "Software", null, null, null, null, "Berlin", null, "Germany",
					stage, ownerId, tags, 0);
		}

	}

}
