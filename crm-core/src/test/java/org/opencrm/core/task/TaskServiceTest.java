package org.opencrm.core.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencrm.core.TestData.aboutContact;
import static org.opencrm.core.TestData.account;
import static org.opencrm.core.TestData.contact;
import static org.opencrm.core.TestData.task;
import static org.opencrm.core.TestData.unique;
import static org.opencrm.core.TestData.user;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencrm.core.account.AccountService;
import org.opencrm.core.contact.ContactLookup;
import org.opencrm.core.contact.ContactService;
import org.opencrm.core.timeline.InteractionKind;
import org.opencrm.core.timeline.TimelineEntry;
import org.opencrm.core.timeline.TimelineService;
import org.opencrm.core.timeline.TimelineText;
import org.opencrm.core.user.Visibility;
import org.opencrm.test.DriverFallbacks;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest
class TaskServiceTest {

	/** Friday 15 March 2030, 10:00 UTC: 11:00 in Berlin, whose day ends at 23:00 UTC. */
	static final Instant NOW = Instant.parse("2030-03-15T10:00:00Z");

	static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	/**
	 * Core's {@code clock} is {@code @ConditionalOnMissingBean} on a plain configuration
	 * class, which is registered before this one and so never sees it; a bean of the same
	 * name would then be an illegal override. A differently named {@code @Primary} clock
	 * wins injection without enabling bean overriding for the whole context.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class FixedClock {

		@Bean
		@Primary
		Clock fixedClock() {
			return Clock.fixed(NOW, ZoneOffset.UTC);
		}

	}

	@Autowired
	TaskService tasks;

	@Autowired
	AccountService accounts;

	@Autowired
	ContactService contacts;

	@Autowired
	ContactLookup contactLookup;

	@Autowired
	TimelineService timeline;

	@Autowired
	JdbcClient jdbc;

	@Test
	void recordsAreStampedWithTheApplicationsClockNotTheMachines() {
		String u = unique();
		long rep = user(jdbc, "rep-" + u, "Rita Rep " + u);
		long account = accounts.create(account("Clocked Account " + u));
		long id = tasks.create(task("Stamped", NOW.plusSeconds(3600), rep));

		assertThat(
				jdbc.sql("select created_at from accounts where id = ?").param(account).query(Instant.class).single())
			.isEqualTo(NOW);
		assertThat(jdbc.sql("select created_at from tasks where id = ?").param(id).query(Instant.class).single())
			.isEqualTo(NOW);
		assertThat(jdbc.sql("select updated_at from tasks where id = ?").param(id).query(Instant.class).single())
			.isEqualTo(NOW);
	}

	@Test
	void aTaskAboutAContactIsAlsoAboutTheContactsAccount() {
		String u = unique();
		long rep = user(jdbc, "rep-" + u, "Rita Rep " + u);
		long account = accounts.create(account("Task Account " + u));
		long person = contacts.create(contact("Tara", "Task" + u, null, account));

		long id = tasks.create(aboutContact(task("Call back", NOW.plusSeconds(3600), rep), person));

		assertThat(tasks.openFor(account, null, 10)).singleElement().satisfies(t -> {
			assertThat(t.id()).isEqualTo(id);
			assertThat(t.accountId()).isEqualTo(account);
			assertThat(t.accountName()).isEqualTo("Task Account " + u);
			assertThat(t.contactId()).isEqualTo(person);
			assertThat(t.contactName()).isEqualTo("Tara Task" + u);
			assertThat(t.assigneeName()).isEqualTo("Rita Rep " + u);
			assertThat(t.status()).isEqualTo(TaskStatus.OPEN);
		});
	}

	/**
	 * A property row mapper asked pgjdbc for each Instant with getObject(column,
	 * Instant.class), which throws (a stack trace per column per task) before Spring
	 * falls back; JdbcUtils says so at debug level. The account page reads 11 tasks.
	 */
	@Test
	void anAccountsTasksAreReadWithoutADriverExceptionPerColumn() throws Exception {
		String u = unique();
		long rep = user(jdbc, "rows-" + u, "Rolf Rows " + u);
		long account = accounts.create(account("Rows Account " + u));
		CreateTask t = task("Read me", NOW.plusSeconds(3600), rep);
		long id = tasks.create(new CreateTask(t.title(), null, t.dueAt(), rep, account, null, null, null, null, null));
		assertThat(DriverFallbacks.during(() -> {
			assertThat(tasks.openFor(account, null, 10)).singleElement().satisfies(item -> {
				assertThat(item.id()).isEqualTo(id);
				assertThat(item.dueAt()).isEqualTo(NOW.plusSeconds(3600));
				assertThat(item.completedAt()).isNull();
				assertThat(item.status()).isEqualTo(TaskStatus.OPEN);
				assertThat(item.accountId()).isEqualTo(account);
				assertThat(item.contactId()).isNull();
			});
			tasks.complete(id);
			assertThat(tasks.forAssignee(rep, TaskStatus.DONE, null, 10).items()).singleElement()
				.satisfies(item -> assertThat(item.completedAt()).isEqualTo(NOW));
		})).isEmpty();
	}

	@Test
	void aUsersOpenTasksComeInDueOrderWithTheOverdueFirst() {
		long rep = user(jdbc, "order-" + unique(), "Otto Order");
		long later = tasks.create(task("Later", NOW.plusSeconds(7200), rep));
		long overdue = tasks.create(task("Overdue", NOW.minusSeconds(86_400), rep));
		long soon = tasks.create(task("Soon", NOW.plusSeconds(60), rep));
		long done = tasks.create(task("Done already", NOW.minusSeconds(3600), rep));
		tasks.complete(done);

		var open = tasks.forAssignee(rep, TaskStatus.OPEN, null, 10);

		assertThat(open.items()).extracting(TaskItem::id).containsExactly(overdue, soon, later);
		assertThat(open.items()).extracting(t -> t.isOverdue(NOW)).containsExactly(true, false, false);
		assertThat(tasks.forAssignee(rep, TaskStatus.DONE, null, 10).items()).extracting(TaskItem::id)
			.containsExactly(done);
	}

	@Test
	void completingATaskMarksItDoneAndPutsOneEntryOnTheTimelineEvenWhenDoneTwice() {
		String u = unique();
		long rep = user(jdbc, "done-" + u, "Dora Done");
		long person = contacts.create(contact("Finn", "Ished" + u, null, null));
		long id = tasks.create(aboutContact(task("Send quote", NOW.plusSeconds(600), rep), person));

		tasks.complete(id);
		tasks.complete(id);

		assertThat(tasks.forAssignee(rep, TaskStatus.DONE, null, 10).items()).singleElement().satisfies(t -> {
			assertThat(t.id()).isEqualTo(id);
			assertThat(t.status()).isEqualTo(TaskStatus.DONE);
			assertThat(t.completedAt()).isEqualTo(NOW);
		});
		List<TimelineEntry> entries = timeline.forContact(person, List.of(InteractionKind.TASK), null, 10).items();
		assertThat(entries).singleElement().satisfies(e -> {
			// Stored as a key with the title; crm-web renders it in the reader's
			// language.
			assertThat(e.subjectKey()).isEqualTo("timeline.task.done");
			assertThat(jdbc.sql("select subject_args ->> 0 from interactions where id = ?")
				.param(e.id())
				.query(String.class)
				.single()).isEqualTo("{\"text\": \"Send quote\"}");
			assertThat(e.sourceRef()).isEqualTo("task:" + id);
			assertThat(e.occurredAt()).isEqualTo(NOW);
		});
		assertThat(contactLookup.details(person, Visibility.all()).lastActivityAt()).isEqualTo(NOW);
	}

	@Test
	void aScheduledTasksCompletionLineKeepsItsTitleKeySoEachReaderSeesItInTheirLanguage() {
		String u = unique();
		long rep = user(jdbc, "keyed-" + u, "Kim Keyed");
		long person = contacts.create(contact("Kai", "Keyed" + u, null, null));
		long id = tasks.create(CreateTask.generated(TimelineText.of("task.mql.title", "Kai Keyed"), null,
				NOW.plusSeconds(600), rep, null, person, null));

		tasks.complete(id);

		TimelineEntry entry = timeline.forContact(person, List.of(InteractionKind.TASK), null, 10).items().get(0);
		assertThat(entry.subjectKey()).isEqualTo("timeline.task.done");
		// the title is the task's own message with its argument, not the words stored
		// in the creator's language
		assertThat(jdbc.sql("select subject_args::text from interactions where id = ?")
			.param(entry.id())
			.query(String.class)
			.single()).isEqualTo("[{\"key\": \"task.mql.title\", \"args\": [{\"text\": \"Kai Keyed\"}]}]");
		TimelineText stored = TimelineText.stored("timeline.task.done",
				jdbc.sql("select subject_args::text from interactions where id = ?")
					.param(entry.id())
					.query(String.class)
					.single(),
				null);
		assertThat(stored.args()).singleElement().isEqualTo(TimelineText.of("task.mql.title", "Kai Keyed"));
	}

	@Test
	void aReopenedTaskIsOpenAgainWithoutACompletionTime() {
		long rep = user(jdbc, "reopen-" + unique(), "Rene Reopen");
		long id = tasks.create(task("Try again", NOW.plusSeconds(600), rep));
		tasks.complete(id);

		tasks.reopen(id);

		assertThat(tasks.forAssignee(rep, TaskStatus.DONE, null, 10).items()).isEmpty();
		assertThat(tasks.forAssignee(rep, TaskStatus.OPEN, null, 10).items()).singleElement().satisfies(t -> {
			assertThat(t.id()).isEqualTo(id);
			assertThat(t.status()).isEqualTo(TaskStatus.OPEN);
			assertThat(t.completedAt()).isNull();
		});
	}

	@Test
	void countsSplitOpenTasksIntoOverdueAndDueTodayInTheUsersTimeZone() {
		long rep = user(jdbc, "counts-" + unique(), "Carl Counts");
		// Overdue: due before 10:00 UTC.
		tasks.create(task("Yesterday", Instant.parse("2030-03-14T16:00:00Z"), rep));
		tasks.create(task("An hour ago", Instant.parse("2030-03-15T09:00:00Z"), rep));
		// Due today in Berlin: from now until 23:00 UTC.
		tasks.create(task("At noon", Instant.parse("2030-03-15T12:00:00Z"), rep));
		tasks.create(task("Just before midnight in Berlin", Instant.parse("2030-03-15T22:59:00Z"), rep));
		// Still 15 March in UTC, but already tomorrow in Berlin.
		tasks.create(task("After midnight in Berlin", Instant.parse("2030-03-15T23:30:00Z"), rep));
		tasks.create(task("Next week", Instant.parse("2030-03-22T09:00:00Z"), rep));
		// Done tasks count nowhere, however late they were.
		tasks.complete(tasks.create(task("Done late", Instant.parse("2030-03-10T09:00:00Z"), rep)));

		assertThat(tasks.counts(rep, BERLIN)).isEqualTo(new TaskCounts(2, 2, 6));
		assertThat(tasks.counts(rep, ZoneOffset.UTC)).isEqualTo(new TaskCounts(2, 3, 6));
	}

}
