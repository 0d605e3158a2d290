package org.opencrm.core.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencrm.core.TestData.anAccount;
import static org.opencrm.core.TestData.task;
import static org.opencrm.core.TestData.unique;
import static org.opencrm.core.TestData.user;
import static org.opencrm.core.TestData.withVersion;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opencrm.core.account.AccountCommand;
import org.opencrm.core.account.AccountService;
import org.opencrm.core.mail.MailWorker;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.task.TaskService;
import org.opencrm.core.timeline.InteractionKind;
import org.opencrm.core.timeline.RecordInteraction;
import org.opencrm.core.timeline.TimelineService;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.Role;
import org.opencrm.core.user.Visibility;
import org.opencrm.test.MailTexts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

@SpringBootTest
class NotificationsTest {

	@TestConfiguration(proxyBeanMethods = false)
	static class Smtp {

		@Bean(destroyMethod = "stop")
		GreenMail notificationSmtp() {
			GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
			mail.start();
			return mail;
		}

		@Bean
		JavaMailSenderImpl notificationMailSender(GreenMail notificationSmtp) {
			JavaMailSenderImpl sender = new JavaMailSenderImpl();
			sender.setHost("127.0.0.1");
			sender.setPort(notificationSmtp.getSmtp().getPort());
			return sender;
		}

	}

	@Autowired
	Notifications notifications;

	@Autowired
	NotificationList list;

	@Autowired
	NotificationDigest digest;

	@Autowired
	AccountService accounts;

	@Autowired
	TaskService tasks;

	@Autowired
	TimelineService timeline;

	@Autowired
	MailWorker outbox;

	@Autowired
	GreenMail smtp;

	@Autowired
	JdbcClient jdbc;

	@AfterEach
	void signOut() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void givingAnAccountToSomeoneElseNotifiesTheNewOwnerAndNobodyElse() {
		String u = unique();
		long anna = user(jdbc, "anna-" + u, "Anna Actor");
		long bob = user(jdbc, "bob-" + u, "Bob Owner");
		signIn(anna);
		long id = accounts.create(anAccount("Acme " + u).owner(anna).build(), Visibility.all());
		assertThat(list.unreadCount(anna)).as("nobody is told what they did themselves").isZero();

		AccountCommand toBob = withVersion(anAccount("Acme " + u).owner(bob).build(), 0);
		accounts.update(id, toBob, Visibility.all());

		assertThat(list.unreadCount(bob)).isEqualTo(1);
		assertThat(list.unreadCount(anna)).isZero();
		NotificationView seen = list.page(bob, false, null, 20, Locale.ENGLISH).items().get(0);
		assertThat(seen.kind()).isEqualTo(NotificationKind.ASSIGNMENT);
		assertThat(seen.text()).isEqualTo("Anna Actor gave you the account Acme " + u + ".");
		assertThat(seen.path()).isEqualTo("/accounts/" + id);
		assertThat(list.page(bob, false, null, 20, Locale.GERMAN).items().get(0).text())
			.isEqualTo("Anna Actor hat Ihnen die Firma Acme " + u + " übergeben.");
	}

	@Test
	void aTaskAJobGivesSomeoneReadsAsAnAssignmentWithoutActor() {
		long rep = user(jdbc, "tess-" + unique(), "Tess Task");
		long taskId = tasks.create(task("Call back", Instant.parse("2030-01-01T10:00:00Z"), rep));

		NotificationView seen = list.page(rep, true, null, 20, Locale.ENGLISH).items().get(0);
		assertThat(seen.text()).isEqualTo("You have a new task: \"Call back\".");
		assertThat(seen.path()).isEqualTo("/tasks");
		assertThat(taskId).isPositive();
	}

	@Test
	void aMentionInANoteNotifiesTheMentionedUserButNotAnEmailAddress() {
		String u = unique();
		long writer = user(jdbc, "wanda-" + u, "Wanda Writer");
		long mentioned = user(jdbc, "max-" + u, "Max Mentioned");
		long mailOnly = user(jdbc, "mo-" + u, "Mo Mail");
		long account = accounts.create(anAccount("Mention Co " + u).build());
		signIn(writer);

		timeline.log(
				RecordInteraction.logged(InteractionKind.NOTE, Instant.now(), account, null,
						"Ask @MAX-" + u + " about the renewal", "Copy mo-" + u + "@example.com and @wanda-" + u + "."),
				Visibility.all());

		assertThat(list.unreadCount(mentioned)).isEqualTo(1);
		assertThat(list.unreadCount(mailOnly)).as("an e-mail address is no mention").isZero();
		assertThat(list.unreadCount(writer)).as("mentioning oneself tells nobody").isZero();
		NotificationView seen = list.page(mentioned, true, null, 20, Locale.ENGLISH).items().get(0);
		assertThat(seen.kind()).isEqualTo(NotificationKind.MENTION);
		assertThat(seen.text())
			.isEqualTo("Wanda Writer mentioned you in a note: \"Ask @MAX-" + u + " about the renewal\"");
		assertThat(seen.path()).isEqualTo("/accounts/" + account);
	}

	@Test
	void markingReadLowersTheCountAndSomeoneElsesNotificationIsNotFound() {
		long me = user(jdbc, "me-" + unique(), "Mia Me");
		long other = user(jdbc, "other-" + unique(), "Oskar Other");
		long first = notifyWorkflow(me, "first");
		notifyWorkflow(me, "second");
		long theirs = notifyWorkflow(other, "theirs");
		assertThat(list.unreadCount(me)).isEqualTo(2);

		notifications.markRead(me, first);
		notifications.markRead(me, first);

		assertThat(list.unreadCount(me)).isEqualTo(1);
		assertThat(list.page(me, true, null, 20, Locale.ENGLISH).items()).extracting(NotificationView::text)
			.containsExactly("Workflow rule \"Rule\": second");
		assertThatThrownBy(() -> notifications.markRead(me, theirs)).isInstanceOf(NotFoundException.class);
		assertThat(list.unreadCount(other)).isEqualTo(1);

		assertThat(notifications.markAllRead(me)).isEqualTo(1);
		assertThat(list.unreadCount(me)).isZero();
		assertThat(list.page(me, false, null, 20, Locale.ENGLISH).items()).hasSize(2)
			.allSatisfy(n -> assertThat(n.unread()).isFalse());
	}

	@Test
	void thePageWalksNewestFirstByKeyset() {
		long me = user(jdbc, "pager-" + unique(), "Paula Pager");
		for (int i = 1; i <= 5; i++) {
			notifyWorkflow(me, "n" + i);
		}
		var first = list.page(me, false, null, 2, Locale.ENGLISH);
		var second = list.page(me, false, first.nextCursor(), 2, Locale.ENGLISH);
		var back = list.page(me, false, second.previousCursor(), 2, Locale.ENGLISH);

		assertThat(first.items()).extracting(NotificationView::text)
			.containsExactly("Workflow rule \"Rule\": n5", "Workflow rule \"Rule\": n4");
		assertThat(second.items()).extracting(NotificationView::text)
			.containsExactly("Workflow rule \"Rule\": n3", "Workflow rule \"Rule\": n2");
		assertThat(back.items()).extracting(NotificationView::id)
			.containsExactlyElementsOf(first.items().stream().map(NotificationView::id).toList());
	}

	@Test
	void twoDigestRunsAtOnceSendEachUserOneMailWithEverything() throws Exception {
		String address = "digest-" + unique() + "@example.com";
		long me = userWithEmail("Dora Digest", address);
		notifications.savePreferences(me, Map.of(NotificationKind.WORKFLOW, EmailDelivery.DAILY));
		for (int i = 1; i <= 3; i++) {
			notifyWorkflow(me, "item " + i);
		}
		assertThat(mailsTo(address)).as("daily: nothing at once").isEmpty();

		CountDownLatch start = new CountDownLatch(1);
		ExecutorService nodes = Executors.newFixedThreadPool(2);
		List<Future<Integer>> runs = new ArrayList<>();
		try {
			for (int n = 0; n < 2; n++) {
				runs.add(nodes.submit(() -> {
					start.await();
					return digest.sendDue();
				}));
			}
			start.countDown();
			for (Future<Integer> run : runs) {
				run.get();
			}
		}
		finally {
			nodes.shutdown();
		}
		digest.sendDue();

		List<MimeMessage> mails = mailsTo(address);
		assertThat(mails).singleElement().satisfies(m -> {
			assertThat(m.getSubject()).isEqualTo("Your 3 notifications of the day");
			assertThat(MailTexts.text(m)).contains("Dora Digest")
				.contains("Workflow rule \"Rule\": item 1")
				.contains("Workflow rule \"Rule\": item 3");
		});
	}

	@Test
	void theScheduledDigestGoesAtTheHourEachUserChoseInTheirZone() throws Exception {
		String due = "due-" + unique() + "@example.com";
		long now = userWithEmail("Tomo Tokyo", due);
		String later = "later-" + unique() + "@example.com";
		long notYet = userWithEmail("Nora Later", later);
		for (long user : List.of(now, notYet)) {
			notifications.savePreferences(user, Map.of(NotificationKind.WORKFLOW, EmailDelivery.DAILY));
			notifyWorkflow(user, "news");
		}
		if (java.time.LocalTime.now().getMinute() == 59 && java.time.LocalTime.now().getSecond() > 50) {
			Thread.sleep(11_000); // not across a full hour
		}
		int tokyoHour = java.time.ZonedDateTime.now(java.time.ZoneId.of("Asia/Tokyo")).getHour();
		jdbc.sql("update users set time_zone = 'Asia/Tokyo', digest_hour = ? where id = ?")
			.params(tokyoHour, now)
			.update();
		jdbc.sql("update users set time_zone = 'Asia/Tokyo', digest_hour = ? where id = ?")
			.params((tokyoHour + 12) % 24, notYet)
			.update();

		digest.sendScheduled();

		assertThat(mailsTo(due)).as("its hour in Tokyo").hasSize(1);
		assertThat(mailsTo(later)).as("twelve hours to go").isEmpty();
		digest.sendDue();
		assertThat(mailsTo(later)).as("sent by a run that ignores the hour").hasSize(1);
	}

	@Test
	void aKindSwitchedOffSendsNoMailAndImmediateSendsOneAtOnce() throws Exception {
		String quiet = "quiet-" + unique() + "@example.com";
		long off = userWithEmail("Olaf Off", quiet);
		String eager = "eager-" + unique() + "@example.com";
		long now = userWithEmail("Ida Immediate", eager);
		notifications.savePreferences(off, Map.of(NotificationKind.WORKFLOW, EmailDelivery.OFF));
		notifications.savePreferences(now, Map.of(NotificationKind.WORKFLOW, EmailDelivery.IMMEDIATE));
		assertThat(notifications.preferences(off)).containsEntry(NotificationKind.WORKFLOW, EmailDelivery.OFF)
			.containsEntry(NotificationKind.MENTION, NotificationKind.MENTION.defaultDelivery());

		notifyWorkflow(off, "hush");
		notifyWorkflow(now, "ping");
		digest.sendDue();

		assertThat(mailsTo(quiet)).isEmpty();
		assertThat(list.unreadCount(off)).as("still in the app").isEqualTo(1);
		assertThat(mailsTo(eager)).singleElement()
			.satisfies(m -> assertThat(m.getSubject()).isEqualTo("Notification: Workflow rule \"Rule\": ping"));
	}

	@Test
	void switchingADailyKindOffTakesWhatWaitsOutOfTheDigest() throws Exception {
		String address = "changed-" + unique() + "@example.com";
		long me = userWithEmail("Carl Changed", address);
		notifications.savePreferences(me, Map.of(NotificationKind.WORKFLOW, EmailDelivery.DAILY));
		notifyWorkflow(me, "waiting");

		notifications.savePreferences(me, Map.of(NotificationKind.WORKFLOW, EmailDelivery.OFF));
		digest.sendDue();

		assertThat(mailsTo(address)).isEmpty();
	}

	@Test
	void aMessageKeyMustBeANotificationKey() {
		assertThatThrownBy(() -> Notification.to(1, NotificationKind.WORKFLOW, "Deal moved to Won"))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(
				() -> Notification.to(1, NotificationKind.WORKFLOW, "notification.workflow").about("Not a type!", 1))
			.isInstanceOf(IllegalArgumentException.class);
	}

	private long notifyWorkflow(long recipient, String text) {
		return notifications
			.notify(Notification.to(recipient, NotificationKind.WORKFLOW, "notification.workflow", "Rule", text))
			.orElseThrow();
	}

	private void signIn(long userId) {
		CrmUser user = new CrmUser(userId, "u" + userId, "User " + userId, Role.SALES_REP, null, "{noop}x", true);
		SecurityContextHolder.getContext()
			.setAuthentication(new UsernamePasswordAuthenticationToken(user, null, user.getAuthorities()));
	}

	private long userWithEmail(String fullName, String address) {
		long id = user(jdbc, "u-" + unique(), fullName);
		jdbc.sql("update users set email = ? where id = ?").params(address, id).update();
		return id;
	}

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
