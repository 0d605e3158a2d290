package org.opencrm.core.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencrm.core.TestData.remindingAt;
import static org.opencrm.core.TestData.task;
import static org.opencrm.core.TestData.unique;
import static org.opencrm.core.TestData.user;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.opencrm.core.event.TaskReminderDue;
import org.opencrm.test.MailTexts;
import org.opencrm.core.mail.MailWorker;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSenderImpl;

// The schedule is off (test application.properties): the tests fire reminders themselves, from one thread or two.
@SpringBootTest
class TaskRemindersTest {

	static final Instant NOW = Instant.parse("2030-03-15T10:00:00Z");

	/**
	 * A fixed clock (see TaskServiceTest for why it has its own name), an SMTP server,
	 * and the events heard.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class Setup {

		@Bean
		@Primary
		Clock fixedReminderClock() {
			return Clock.fixed(NOW, ZoneOffset.UTC);
		}

		@Bean(destroyMethod = "stop")
		GreenMail reminderSmtp() {
			GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
			mail.start();
			return mail;
		}

		@Bean
		JavaMailSenderImpl reminderMailSender(GreenMail reminderSmtp) {
			JavaMailSenderImpl sender = new JavaMailSenderImpl();
			sender.setHost("127.0.0.1");
			sender.setPort(reminderSmtp.getSmtp().getPort());
			return sender;
		}

		@Bean
		Heard heard() {
			return new Heard();
		}

	}

	static class Heard {

		final Queue<TaskReminderDue> events = new ConcurrentLinkedQueue<>();

		@EventListener
		void on(TaskReminderDue event) {
			events.add(event);
		}

		List<TaskReminderDue> about(List<Long> taskIds) {
			return events.stream().filter(e -> taskIds.contains(e.taskId())).toList();
		}

	}

	@Autowired
	TaskService tasks;

	@Autowired
	TaskReminders reminders;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	GreenMail smtp;

	@Autowired
	Heard heard;

	@Autowired
	MailWorker outbox;

	@Test
	void theReminderChoiceSetsTheReminderRelativeToTheDueTime() {
		long rep = user(jdbc, "choice-" + unique(), "Chloe Choice");
		Instant due = NOW.plus(Duration.ofDays(3));

		assertThat(remindAtOf(tasks.create(remindingAt(task("None", due, rep), Reminder.NONE)))).isNull();
		assertThat(remindAtOf(tasks.create(task("Default", due, rep)))).isNull();
		assertThat(remindAtOf(tasks.create(remindingAt(task("At due", due, rep), Reminder.AT_DUE_TIME))))
			.isEqualTo(due);
		assertThat(remindAtOf(tasks.create(remindingAt(task("15 min", due, rep), Reminder.MINUTES_15))))
			.isEqualTo(due.minus(Duration.ofMinutes(15)));
		assertThat(remindAtOf(tasks.create(remindingAt(task("1 hour", due, rep), Reminder.HOUR_1))))
			.isEqualTo(due.minus(Duration.ofHours(1)));
		assertThat(remindAtOf(tasks.create(remindingAt(task("1 day", due, rep), Reminder.DAY_1))))
			.isEqualTo(due.minus(Duration.ofDays(1)));
	}

	@Test
	void aDueReminderFiresOnceWithAnEventAndAnEmailToTheAssignee() throws Exception {
		String address = "remind-" + unique() + "@example.com";
		long rep = userWithEmail("Rhea Remind", address);
		long due = tasks
			.create(remindingAt(task("Call Acme", NOW.plus(Duration.ofMinutes(10)), rep), Reminder.MINUTES_15));
		long notYet = tasks.create(remindingAt(task("Later", NOW.plus(Duration.ofHours(2)), rep), Reminder.HOUR_1));
		long none = tasks.create(task("No reminder", NOW.minus(Duration.ofHours(2)), rep));

		reminders.fireDue();
		reminders.fireDue();

		assertThat(heard.about(List.of(due, notYet, none)))
			.containsExactly(new TaskReminderDue(due, rep, "Call Acme", NOW.plus(Duration.ofMinutes(10))));
		assertThat(jdbc.sql("select reminded_at from tasks where id = ?").param(due).query(Instant.class).single())
			.isEqualTo(NOW);
		List<MimeMessage> mails = mailsTo(address);
		assertThat(mails).singleElement().satisfies(m -> {
			assertThat(m.getSubject()).isEqualTo("Reminder: Call Acme");
			assertThat(MailTexts.text(m)).contains("Rhea Remind").contains("2030-03-15 10:10");
		});
		assertThat(tasks.remindersDue(rep, 10)).extracting(TaskItem::id).containsExactly(due);
	}

	@Test
	void theReminderMailIsInTheAssigneesLanguageAndTimeZone() throws Exception {
		String address = "tokyo-" + unique() + "@example.com";
		long rep = userWithEmail("Taro Tokyo", address);
		jdbc.sql("update users set locale = 'de', time_zone = 'Asia/Tokyo' where id = ?").param(rep).update();
		tasks.create(remindingAt(task("Call Osaka", NOW.plus(Duration.ofMinutes(10)), rep), Reminder.MINUTES_15));

		reminders.fireDue();

		// 10:10 UTC is 19:10 in Tokyo, written the German way
		assertThat(mailsTo(address)).singleElement().satisfies(m -> {
			assertThat(m.getSubject()).startsWith("Erinnerung").contains("Call Osaka");
			assertThat(MailTexts.text(m)).contains("15.03.2030 19:10").doesNotContain("10:10");
		});
	}

	@Test
	void twoSchedulersRunningAtOnceFireEachReminderExactlyOnce() throws Exception {
		String address = "twice-" + unique() + "@example.com";
		long rep = userWithEmail("Tom Twice", address);
		List<Long> ids = new ArrayList<>();
		for (int i = 0; i < TaskReminders.BATCH + 20; i++) {
			ids.add(tasks.create(remindingAt(task("Task " + i, NOW.plusSeconds(i), rep), Reminder.HOUR_1)));
		}
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService nodes = Executors.newFixedThreadPool(2);
		try {
			List<Future<?>> runs = new ArrayList<>();
			for (int n = 0; n < 2; n++) {
				runs.add(nodes.submit(() -> {
					start.await();
					while (reminders.fireDue() > 0) {
						Thread.onSpinWait();
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> run : runs) {
				run.get();
			}
		}
		finally {
			nodes.shutdown();
		}

		assertThat(heard.about(ids)).extracting(TaskReminderDue::taskId).containsExactlyInAnyOrderElementsOf(ids);
		assertThat(mailsTo(address)).hasSize(ids.size());
		assertThat(jdbc.sql("select count(*) from tasks where assignee_id = ? and reminded_at is null")
			.param(rep)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void aDoneTaskNeverRemindsAndAReopenedOneRemindsOnce() {
		long rep = user(jdbc, "done-" + unique(), "Dana Done");
		long id = tasks
			.create(remindingAt(task("Finished early", NOW.plus(Duration.ofMinutes(30)), rep), Reminder.HOUR_1));
		tasks.complete(id);

		reminders.fireDue();

		assertThat(heard.about(List.of(id))).isEmpty();
		assertThat(tasks.remindersDue(rep, 10)).isEmpty();

		tasks.reopen(id);
		reminders.fireDue();
		reminders.fireDue();

		assertThat(heard.about(List.of(id))).hasSize(1);
	}

	@Test
	void reschedulingMovesTheReminderWithTheDueTimeAndLetsItFireAgain() {
		long rep = user(jdbc, "move-" + unique(), "Mo Move");
		long id = tasks.create(remindingAt(task("Quote", NOW.plus(Duration.ofMinutes(30)), rep), Reminder.HOUR_1));
		reminders.fireDue();
		assertThat(heard.about(List.of(id))).hasSize(1);

		Instant tomorrow = NOW.plus(Duration.ofDays(1));
		tasks.reschedule(id, tomorrow, versionOf(id));

		assertThat(remindAtOf(id)).isEqualTo(tomorrow.minus(Duration.ofHours(1)));
		assertThat(jdbc.sql("select reminded_at from tasks where id = ?").param(id).query(Instant.class).optional())
			.isEmpty();
		assertThat(tasks.remindersDue(rep, 10)).isEmpty();

		// Moved back into the past, it is due again, and fires once more.
		tasks.reschedule(id, NOW.minus(Duration.ofMinutes(5)), versionOf(id));
		reminders.fireDue();

		assertThat(remindAtOf(id)).isEqualTo(NOW.minus(Duration.ofMinutes(65)));
		assertThat(heard.about(List.of(id))).hasSize(2);
	}

	@Test
	void reschedulingAStaleVersionIsRefused() {
		long rep = user(jdbc, "stale-" + unique(), "Stan Stale");
		long id = tasks.create(remindingAt(task("Old", NOW.plus(Duration.ofDays(2)), rep), Reminder.DAY_1));
		long version = versionOf(id);
		tasks.reschedule(id, NOW.plus(Duration.ofDays(3)), version);

		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> tasks.reschedule(id, NOW.plus(Duration.ofDays(4)), version))
			.isInstanceOf(org.opencrm.core.shared.StaleEditException.class);
		assertThat(remindAtOf(id)).isEqualTo(NOW.plus(Duration.ofDays(2)));
	}

	private long userWithEmail(String fullName, String address) {
		long id = user(jdbc, "u-" + unique(), fullName);
		jdbc.sql("update users set email = ? where id = ?").params(address, id).update();
		return id;
	}

	private Instant remindAtOf(long taskId) {
		return jdbc.sql("select remind_at from tasks where id = ?")
			.param(taskId)
			.query(Instant.class)
			.optional()
			.orElse(null);
	}

	private long versionOf(long taskId) {
		return jdbc.sql("select version from tasks where id = ?").param(taskId).query(Long.class).single();
	}

	/**
	 * The mails the outbox sent to {@code address} (it sends what firing queued first).
	 */
	private List<MimeMessage> mailsTo(String address) {
		outbox.sendDue();
		return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
			try {
				return Arrays.stream(m.getRecipients(Message.RecipientType.TO))
					.anyMatch(a -> a.toString().equalsIgnoreCase(address));
			}
			catch (jakarta.mail.MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}).toList();
	}

}
