package org.opencrm.web.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.opencrm.web.Logins.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.opencrm.core.user.UserService;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

@WebIntegrationTest
class TaskReminderPagesTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theTaskFormOffersReminderChoicesAndStoresTheChosenOne() throws Exception {
		long rep = users.loadUserByUsername("rep").id();
		mvc.perform(get("/tasks").with(as(users, "rep")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("name=\"reminder\"")))
			.andExpect(content().string(containsString("1 hour before")))
			.andExpect(content().string(containsString("No reminder")));

		mvc.perform(post("/tasks").param("title", "Remind me an hour ahead")
			.param("dueAt", "2030-01-15T09:00")
			.param("assigneeId", String.valueOf(rep))
			.param("reminder", "HOUR_1")
			.param("returnTo", "/tasks")
			.with(csrf())
			.with(as(users, "rep"))).andExpect(redirectedUrl("/tasks"));

		assertThat(jdbc.sql("""
				select extract(epoch from due_at - remind_at) from tasks where title = 'Remind me an hour ahead'
				""").query(Double.class).single()).isEqualTo(3600.0);
	}

	@Test
	void anUnknownReminderChoiceGoesBackWithAMessageOnTheFieldAndSavesNothing() throws Exception {
		long rep = users.loadUserByUsername("rep").id();
		MvcResult posted = mvc
			.perform(post("/tasks").param("title", "Remind me sometime")
				.param("dueAt", "2030-01-15T09:00")
				.param("assigneeId", String.valueOf(rep))
				.param("reminder", "SOMETIME")
				.param("returnTo", "/tasks")
				.with(csrf())
				.with(as(users, "rep")))
			.andExpect(redirectedUrl("/tasks"))
			.andExpect(flash().attribute("flashError", "flash.fixErrors"))
			.andReturn();

		assertThat(jdbc.sql("select count(*) from tasks where title = 'Remind me sometime'").query(Long.class).single())
			.isZero();
		mvc.perform(get("/tasks").cookie(posted.getResponse().getCookies()).with(as(users, "rep")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Choose one of the reminder options.")))
			// The rest of what was typed stays in the form.
			.andExpect(content().string(containsString("Remind me sometime")));
	}

	@Test
	void remindersWhoseTimeHasComeShowAtTheTopOfMyTasksUntilDone() throws Exception {
		long rep = users.loadUserByUsername("rep").id();
		Instant due = Instant.now().plus(Duration.ofMinutes(10));
		long task = jdbc.sql("""
				insert into tasks (title, due_at, assignee_id, remind_at)
				values ('Reminder already due', ?, ?, ?) returning id
				""")
			.params(Timestamp.from(due), rep, Timestamp.from(due.minus(Duration.ofMinutes(15))))
			.query(Long.class)
			.single();

		mvc.perform(get("/tasks").with(as(users, "rep")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Reminders due")))
			.andExpect(content().string(containsString("Reminder already due")));
		mvc.perform(get("/tasks").with(as(users, "rep2")))
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString("Reminder already due"))));

		mvc.perform(post("/tasks/{id}/complete", task).with(csrf()).with(as(users, "rep")))
			.andExpect(redirectedUrl("/tasks"));
		mvc.perform(get("/tasks").with(as(users, "rep")))
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString("Reminders due"))));
	}

}
