package org.opencrm.web.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.opencrm.web.Logins.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.opencrm.core.task.CreateTask;
import org.opencrm.core.task.TaskService;
import org.opencrm.core.shared.CappedCount;
import org.opencrm.core.timeline.TimelineText;
import org.opencrm.core.user.UserService;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * My day's headings count every task (up to "500+"), not the few listed; each overdue
 * task says how late it is and can be snoozed; done tasks list by when they were done.
 */
@WebIntegrationTest
class MyDayTasksTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TaskService tasks;

	private long newUser() {
		return jdbc.sql("""
				insert into users (username, full_name, email, password_hash, role)
				select 'day-' || n, 'Day ' || n, 'day-' || n || '@example.com', '{noop}not-a-demo-password', 'SALES_REP'
				from (select floor(random() * 1e9)::bigint as n) r returning id
				""").query(Long.class).single();
	}

	private String username(long id) {
		return jdbc.sql("select username from users where id = ?").param(id).query(String.class).single();
	}

	private long task(long assignee, String title, Instant due) {
		return jdbc.sql("insert into tasks (title, due_at, assignee_id, status) values (?, ?, ?, 'OPEN') returning id")
			.params(title, Timestamp.from(due), assignee)
			.query(Long.class)
			.single();
	}

	@Test
	void aTaskTheApplicationScheduledReadsInEachReadersLanguage() throws Exception {
		long me = newUser();
		// The assignee has no language of their own: the text stored is the default's.
		tasks.create(CreateTask.generated(TimelineText.of("task.repurchase", "Widget " + me), null,
				Instant.now().minus(Duration.ofHours(1)), me, null, null, "test:" + me));

		for (String page : new String[] { "/tasks", "/my-day" }) {
			mvc.perform(get(page).locale(Locale.GERMAN).with(as(users, username(me))))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Erinnerung Wiederkauf: Widget " + me)));
			mvc.perform(get(page).locale(Locale.ENGLISH).with(as(users, username(me))))
				.andExpect(content().string(containsString("Repurchase reminder: Widget " + me)));
		}
	}

	@Test
	void theOverdueHeadingCountsEveryOverdueTaskAndEachSaysHowLate() throws Exception {
		long me = newUser();
		Instant now = Instant.now();
		for (int i = 0; i < 30; i++) {
			task(me, "Late call " + i, now.minus(Duration.ofDays(5)).minus(Duration.ofMinutes(i)));
		}

		mvc.perform(get("/my-day").with(as(users, username(me))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Overdue (30)")))
			.andExpect(content().string(containsString("· 5 days overdue")));
	}

	@Test
	void aHeadingPastTheCapSaysSoInEachLanguage() throws Exception {
		long me = newUser();
		jdbc.sql("""
				insert into tasks (title, due_at, assignee_id, status)
				select 'Backlog call ' || g, now() - interval '3 days' - make_interval(mins => g), ?, 'OPEN'
				from generate_series(1, ?) g
				""").params(me, CappedCount.HEADING_CAP + 1).update();

		mvc.perform(get("/my-day").locale(Locale.ENGLISH).with(as(users, username(me))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Overdue (500+)")));
		mvc.perform(get("/my-day").locale(Locale.GERMAN).with(as(users, username(me))))
			.andExpect(content().string(containsString("Überfällig (500+)")));
	}

	@Test
	void myDayHasOneFormWhateverTheNumberOfTasksAndEachButtonNamesItsTask() throws Exception {
		long me = newUser();
		long first = task(me, "Only one", Instant.now().minus(Duration.ofHours(3)));
		String one = myDay(me);
		for (int i = 0; i < 20; i++) {
			task(me, "One of many " + i, Instant.now().minus(Duration.ofHours(2)));
		}
		String many = myDay(me);

		assertThat(occurrences(many, "name=\"_csrf\"")).isEqualTo(occurrences(one, "name=\"_csrf\""));
		assertThat(occurrences(many, "<form")).isEqualTo(occurrences(one, "<form"));
		assertThat(occurrences(many, "form=\"myday-task\"")).isEqualTo(21 * 4);
		// What a browser sends for "Tomorrow 9:00" and "Done" on the first task: the
		// shared form's fields to the button's formaction, the button's name and value.
		assertThat(many).contains("formaction=\"/tasks/" + first + "/snooze?version=0\"")
			.contains("formaction=\"/tasks/" + first + "/complete\"");
		mvc.perform(post("/tasks/" + first + "/snooze?version=0").param("returnTo", "/my-day")
			.param("until", "TOMORROW")
			.with(csrf())
			.with(as(users, username(me)))).andExpect(redirectedUrl("/my-day"));
		mvc.perform(post("/tasks/" + first + "/complete").param("returnTo", "/my-day")
			.with(csrf())
			.with(as(users, username(me)))).andExpect(redirectedUrl("/my-day"));
		assertThat(jdbc.sql("select status || ' ' || (due_at > now()) from tasks where id = ?")
			.param(first)
			.query(String.class)
			.single()).isEqualTo("DONE true");
	}

	private String myDay(long me) throws Exception {
		return mvc.perform(get("/my-day").with(as(users, username(me))))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	private static int occurrences(String page, String text) {
		return page.split(java.util.regex.Pattern.quote(text), -1).length - 1;
	}

	@Test
	void snoozingMovesTheDueTimeAndAStaleVersionIsAConflict() throws Exception {
		long me = newUser();
		long id = task(me, "Chase the contract", Instant.now().minus(Duration.ofDays(1)));

		mvc.perform(post("/tasks/" + id + "/snooze").param("until", "NEXT_WEEK")
			.param("version", "0")
			.param("returnTo", "/my-day")
			.with(csrf())
			.with(as(users, username(me)))).andExpect(redirectedUrl("/my-day"));
		// Next Monday 09:00: later than now, whatever today is.
		assertThat(jdbc.sql("select due_at > now() and extract(isodow from due_at) = 1 from tasks where id = ?")
			.param(id)
			.query(Boolean.class)
			.single()).isTrue();

		mvc.perform(post("/tasks/" + id + "/snooze").param("until", "TOMORROW")
			.param("version", "0")
			.with(csrf())
			.with(as(users, username(me)))).andExpect(status().isConflict());
	}

	@Test
	void doneTasksListByWhenTheyWereDoneWithThatTime() throws Exception {
		long me = newUser();
		long early = task(me, "Due first, done last", Instant.now().minus(Duration.ofDays(3)));
		long late = task(me, "Due last, done first", Instant.now().minus(Duration.ofDays(1)));
		jdbc.sql("update tasks set status = 'DONE', completed_at = now() - interval '2 hours' where id = ?")
			.param(late)
			.update();
		jdbc.sql("update tasks set status = 'DONE', completed_at = now() - interval '1 hour' where id = ?")
			.param(early)
			.update();

		String page = mvc.perform(get("/tasks").param("status", "DONE").with(as(users, username(me))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("done 20")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page.indexOf("Due first, done last")).isLessThan(page.indexOf("Due last, done first"));
	}

}
