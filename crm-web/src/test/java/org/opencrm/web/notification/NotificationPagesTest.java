package org.opencrm.web.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.opencrm.web.Logins.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.opencrm.core.notification.EmailDelivery;
import org.opencrm.core.notification.Notification;
import org.opencrm.core.notification.NotificationKind;
import org.opencrm.core.notification.NotificationList;
import org.opencrm.core.notification.Notifications;
import org.opencrm.core.user.UserService;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The bell, the notifications page and the e-mail settings, as a signed-in user sees
 * them: counts rendered on the server, someone else's notification not found, a choice
 * the form doesn't offer refused.
 */
@WebIntegrationTest
class NotificationPagesTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	Notifications notifications;

	@Autowired
	NotificationList list;

	@Autowired
	JdbcClient jdbc;

	private long newUser(String role) {
		return jdbc.sql("""
				insert into users (username, full_name, password_hash, role)
				select 'bell-' || n, 'Bell ' || n, '{noop}not-a-demo-password', ?
				from (select floor(random() * 1e9)::bigint as n) r returning id
				""").param(role).query(Long.class).single();
	}

	private String username(long id) {
		return jdbc.sql("select username from users where id = ?").param(id).query(String.class).single();
	}

	private long notifyAbout(long recipient, String text, String type, long id) {
		return notifications
			.notify(Notification.to(recipient, NotificationKind.WORKFLOW, "notification.workflow", "Rule", text)
				.about(type, id))
			.orElseThrow();
	}

	@Test
	void aTaskGivenToSomeoneElseRingsTheirBellAndNotTheGiversOne() throws Exception {
		long giver = newUser("SALES_REP");
		long taker = newUser("SALES_REP");

		mvc.perform(post("/tasks").param("title", "Send the offer")
			.param("dueAt", "2030-01-01T10:00")
			.param("assigneeId", Long.toString(taker))
			.param("reminder", "NONE")
			.param("returnTo", "/tasks")
			.with(as(users, username(giver)))
			.with(csrf())).andExpect(status().is3xxRedirection());

		mvc.perform(get("/tasks").with(as(users, username(taker))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"notification-bell\"")))
			.andExpect(content().string(containsString("notification-count\" aria-label=\"1 unread\">1</span>")));
		mvc.perform(get("/tasks").with(as(users, username(giver))))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("notification-count"))));
		mvc.perform(get("/notifications").with(as(users, username(taker))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("gave you the task &quot;Send the offer&quot;.")));
	}

	@Test
	void theBellRefreshAnswersTheCountAlone() throws Exception {
		long me = newUser("SUPPORT_AGENT");
		notifyAbout(me, "one", "ticket", 1);
		notifyAbout(me, "two", "ticket", 2);

		mvc.perform(get("/notifications/bell").with(as(users, username(me))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(">2</span>")))
			.andExpect(content().string(not(containsString("<nav"))));
	}

	/**
	 * The bell is a drawing of the page's own (an emoji bell is a box where no font has
	 * it, as in Debian's Chromium), named by the bundle's text, with the unread badge.
	 */
	@Test
	void theBellIsAnInlineDrawingNamedByTheBundleWithItsBadge() throws Exception {
		long me = newUser("SALES_REP");
		notifyAbout(me, "one", "lead", 3);
		String page = mvc.perform(get("/").with(as(users, username(me))))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		org.jsoup.nodes.Element bell = org.jsoup.Jsoup.parse(page).getElementById("notification-bell");
		assertThat(bell).isNotNull();
		assertThat(bell.select("svg[aria-hidden=true] path")).hasSize(1);
		assertThat(bell.select(".visually-hidden").text()).isEqualTo("Notifications");
		assertThat(bell.select(".notification-count").text()).isEqualTo("1");
		assertThat(bell.select(".notification-count").attr("aria-label")).isEqualTo("1 unread");
		assertThat(page).doesNotContain("\uD83D\uDD14").doesNotContain("&#128276;");
	}

	@Test
	void openingMarksReadAndGoesToTheRecordAndSomeoneElsesIsNotFound() throws Exception {
		long me = newUser("SALES_REP");
		long other = newUser("SALES_REP");
		long mine = notifyAbout(me, "look", "account", 42);
		notifyAbout(me, "and this", "lead", 7);
		long theirs = notifyAbout(other, "private", "deal", 9);

		mvc.perform(post("/notifications/" + mine + "/open").with(as(users, username(me))).with(csrf()))
			.andExpect(redirectedUrl("/accounts/42"));
		assertThat(list.unreadCount(me)).isEqualTo(1);

		mvc.perform(post("/notifications/" + theirs + "/read").with(as(users, username(me))).with(csrf()))
			.andExpect(status().isNotFound());
		mvc.perform(post("/notifications/" + theirs + "/open").with(as(users, username(me))).with(csrf()))
			.andExpect(status().isNotFound());
		mvc.perform(post("/notifications/999999999/read").with(as(users, username(me))).with(csrf()))
			.andExpect(status().isNotFound());
		assertThat(list.unreadCount(other)).isEqualTo(1);

		mvc.perform(get("/notifications").param("unread", "true").with(as(users, username(me))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Workflow rule &quot;Rule&quot;: and this")))
			.andExpect(content().string(not(containsString("Workflow rule &quot;Rule&quot;: look"))));

		mvc.perform(post("/notifications/read-all").with(as(users, username(me))).with(csrf()))
			.andExpect(redirectedUrl("/notifications"));
		assertThat(list.unreadCount(me)).isZero();
	}

	@Test
	void theEmailSettingsSaveAChoiceAndRefuseOneTheFormDoesNotOffer() throws Exception {
		long me = newUser("MARKETER");

		mvc.perform(get("/me/notifications").with(as(users, username(me))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("name=\"MENTION\"")));
		mvc.perform(post("/me/notifications").param("MENTION", "OFF")
			.param("ASSIGNMENT", "DAILY")
			.with(as(users, username(me)))
			.with(csrf())).andExpect(redirectedUrl("/me/notifications"));
		assertThat(notifications.preferences(me)).containsEntry(NotificationKind.MENTION, EmailDelivery.OFF);

		mvc.perform(post("/me/notifications").param("MENTION", "IMMEDIATE")
			.param("SLA", "LOUDLY")
			.with(as(users, username(me)))
			.with(csrf()))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("Please choose one of the offered options")));
		assertThat(notifications.preferences(me)).as("nothing changed")
			.containsEntry(NotificationKind.MENTION, EmailDelivery.OFF);
	}

	@Test
	void aMentionInANoteNotifiesTheUserAndShowsSetApartOnTheTimeline() throws Exception {
		long mentioned = newUser("SALES_REP");
		String handle = username(mentioned);
		long account = jdbc.sql("select id from accounts order by id limit 1").query(Long.class).single();

		mvc.perform(post("/accounts/" + account + "/interactions").param("kind", "NOTE")
			.param("subject", "Renewal")
			.param("body", "Could @" + handle + " call them <b>today</b>?")
			.with(as(users, "admin"))
			.with(csrf())).andExpect(status().is3xxRedirection());

		assertThat(list.unreadCount(mentioned)).isEqualTo(1);
		assertThat(list.page(mentioned, true, null, 5, Locale.ENGLISH).items().get(0).path())
			.isEqualTo("/accounts/" + account);
		mvc.perform(get("/accounts/" + account + "/timeline").with(as(users, "admin")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(
					"Could <mark class=\"mention\">@" + handle + "</mark> call them &lt;b&gt;today&lt;/b&gt;?")));
	}

	@Test
	void theNotificationsPageSpeaksGerman() throws Exception {
		long me = newUser("SALES_REP");
		notifyAbout(me, "Hallo", "contact", 3);

		mvc.perform(get("/notifications").locale(Locale.GERMAN)
			.header("Accept-Language", "de")
			.with(as(users, username(me))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Workflow-Regel „Rule“: Hallo")));
	}

}
