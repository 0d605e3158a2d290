package org.opencrm.web.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.opencrm.web.Logins.as;
import static org.opencrm.web.PageStatements.statementsFor;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.opencrm.core.user.UserService;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@WebIntegrationTest
class AppointmentPagesTest {

	static final int MAX_STATEMENTS = 10;

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	private long contact() {
		return jdbc.sql("select min(id) from contacts where account_id is not null").query(Long.class).single();
	}

	/**
	 * A day far in the future no demo appointment touches, so each test has the agent's
	 * time to itself.
	 */
	private MockHttpServletRequestBuilder book(String day, String from, String to) {
		return post("/service/appointments").param("kind", "REPAIR")
			.param("title", "Fix the pump")
			.param("contactId", String.valueOf(contact()))
			.param("agentId", String.valueOf(users.loadUserByUsername("agent2").id()))
			.param("startsAt", day + "T" + from)
			.param("endsAt", day + "T" + to)
			.with(csrf())
			.with(as(users, "agent"));
	}

	private long appointmentsOn(String day) {
		return jdbc.sql("select count(*) from service_appointments where starts_at::date = ?::date")
			.param(day)
			.query(Long.class)
			.single();
	}

	@Test
	void anAppointmentIsBookedAndCompletedWithItsOutcomeOnTheTimeline() throws Exception {
		String location = mvc.perform(book("2031-05-05", "09:00", "10:00"))
			.andExpect(redirectedUrlPattern("/service/appointments/*"))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));

		mvc.perform(post(location + "/complete").param("outcome", "Pump fixed, seal replaced.")
			.param("version", "0")
			.with(csrf())
			.with(as(users, "agent"))).andExpect(redirectedUrlPattern("/service/appointments/*"));

		mvc.perform(get(location).with(as(users, "agent")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Pump fixed, seal replaced.")));
		assertThat(jdbc.sql("select count(*) from interactions where source_ref = ? and body = ?")
			.params("appointment:" + id, "Pump fixed, seal replaced.")
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void anEndBeforeTheStartIsShownOnTheFormAndNothingIsSaved() throws Exception {
		mvc.perform(book("2031-05-06", "11:00", "10:00"))
			.andExpect(status().isOk())
			.andExpect(view().name("service/appointment/form"))
			.andExpect(model().attributeHasFieldErrors("form", "endsAt"))
			.andExpect(content().string(containsString("The end must be after the start.")));
		mvc.perform(book("2031-05-06", "not-a-time", "10:00").param("count", "x"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("form", "startsAt", "count"));
		mvc.perform(book("2031-05-06", "09:00", "10:00").param("repeat", "WEEKLY"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Say how many times it repeats, or until when.")));
		assertThat(appointmentsOn("2031-05-06")).isZero();
	}

	@Test
	void anOverlappingAppointmentIsRefusedWithAClearMessage() throws Exception {
		mvc.perform(book("2031-05-07", "09:00", "10:00")).andExpect(status().is3xxRedirection());

		mvc.perform(book("2031-05-07", "09:30", "10:30"))
			.andExpect(status().isOk())
			.andExpect(content().string(
					containsString("The agent already has “Fix the pump” from 2031-05-07 09:00 to 2031-05-07 10:00")));

		assertThat(appointmentsOn("2031-05-07")).isEqualTo(1);
	}

	@Test
	void aWeeklySeriesBooksEveryOccurrence() throws Exception {
		mvc.perform(book("2031-06-02", "09:00", "10:00").param("repeat", "WEEKLY").param("count", "3"))
			.andExpect(status().is3xxRedirection());

		assertThat(appointmentsOn("2031-06-02") + appointmentsOn("2031-06-09") + appointmentsOn("2031-06-16"))
			.isEqualTo(3);
	}

	@Test
	void theCalendarReadsABoundedNumberOfStatementsWhateverItShows() throws Exception {
		long team = jdbc.sql("select team_id from users where username = 'agent'").query(Long.class).single();
		String week = "/service/calendar?week=2031-09-01";
		int empty = statementsFor(mvc, users, week, "agent");
		int emptyTeam = statementsFor(mvc, users, week + "&team=" + team, "agent");
		for (int day = 1; day <= 5; day++) {
			for (int hour = 8; hour < 16; hour += 2) {
				mvc.perform(book("2031-09-0" + day, "%02d:00".formatted(hour), "%02d:30".formatted(hour)))
					.andExpect(status().is3xxRedirection());
			}
		}

		assertThat(statementsFor(mvc, users, week, "agent")).isEqualTo(empty).isLessThanOrEqualTo(MAX_STATEMENTS);
		assertThat(statementsFor(mvc, users, week + "&team=" + team, "agent")).isEqualTo(emptyTeam)
			.isLessThanOrEqualTo(MAX_STATEMENTS);
		mvc.perform(get(week + "&team=" + team).with(as(users, "agent")))
			.andExpect(content().string(containsString("Fix the pump")))
			.andExpect(content().string(containsString("week=2031-09-08")))
			.andExpect(content().string(containsString("week=2031-08-25")));
		// The demo week of the real calendar renders too, and a bad week falls back to
		// this one
		statementsFor(mvc, users, "/service/calendar", "agent");
		statementsFor(mvc, users, "/service/calendar?week=garbage&agent=abc".replace("&agent=abc", ""), "agent");
	}

	@Test
	void theCustomersDashboardShowsTheirUpcomingAppointments() throws Exception {
		long account = jdbc.sql("select account_id from contacts where id = ?")
			.param(contact())
			.query(Long.class)
			.single();
		mvc.perform(book("2099-01-05", "09:00", "10:00")).andExpect(status().is3xxRedirection());

		// An agent (who sees every customer; the demo contact may be another rep's).
		mvc.perform(get("/contacts/" + contact()).with(as(users, "agent")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"dashboard-csat\"")))
			.andExpect(content().string(containsString("Fix the pump")));
		mvc.perform(get("/accounts/" + account).with(as(users, "agent")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"dashboard-csat\"")))
			.andExpect(content().string(containsString("Fix the pump")));
		assertThat(LocalDate.parse("2099-01-05")).isAfter(LocalDate.now());
	}

	/**
	 * An appointment for the first contact of an account owned by {@code owner}, on a
	 * quiet day.
	 */
	private long appointmentOfCustomerOwnedBy(String owner, String day) {
		long contact = jdbc.sql("""
				select min(c.id) from contacts c join accounts a on a.id = c.account_id
				where a.owner_id = (select id from users where username = ?)
				""").param(owner).query(Long.class).single();
		return jdbc
			.sql("""
					insert into service_appointments (kind, title, account_id, contact_id, agent_id, starts_at, ends_at, status)
					select 'REPAIR', 'Their pump', c.account_id, c.id, (select id from users where username = 'agent2'),
					       cast(? as date) + time '09:00', cast(? as date) + time '10:00', 'SCHEDULED'
					from contacts c where c.id = ?
					returning id
					""")
			.params(day, day, contact)
			.query(Long.class)
			.single();
	}

	@Test
	void aRepNeitherReadsNorClosesAnotherRepsCustomersAppointmentAndNothingChanges() throws Exception {
		long theirs = appointmentOfCustomerOwnedBy("rep2", "2031-07-07");
		mvc.perform(get("/service/appointments/" + theirs).with(as(users, "rep"))).andExpect(status().isNotFound());
		mvc.perform(get(java.net.URI.create("/service/appointments/+" + theirs)).with(as(users, "rep")))
			.andExpect(status().isNotFound());
		// Closing is the service desk's: refused by role before any record is looked at.
		mvc.perform(post("/service/appointments/" + theirs + "/cancel").param("version", "0")
			.with(csrf())
			.with(as(users, "rep"))).andExpect(status().isForbidden());
		assertThat(jdbc.sql("select status from service_appointments where id = ?")
			.param(theirs)
			.query(String.class)
			.single()).isEqualTo("SCHEDULED");
		// The calendar leaves it out for the rep, and shows it to the desk.
		String week = "/service/calendar?week=2031-07-07&agent=" + users.loadUserByUsername("agent2").id();
		mvc.perform(get(week).with(as(users, "rep")))
			.andExpect(status().isOk())
			.andExpect(content()
				.string(org.hamcrest.Matchers.not(containsString("/service/appointments/" + theirs + "\""))));
		mvc.perform(get(week).with(as(users, "agent")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("/service/appointments/" + theirs + "\"")));
	}

	@Test
	void aManagerCantCloseAnotherTeamsCustomersAppointment() throws Exception {
		long account = jdbc
			.sql("insert into accounts (name, lifecycle_stage, owner_id) values ('Support owned appt', 'CUSTOMER', "
					+ "(select id from users where username = 'agent')) returning id")
			.query(Long.class)
			.single();
		long theirs = jdbc.sql("""
				insert into service_appointments (kind, title, account_id, agent_id, starts_at, ends_at, status)
				values ('REPAIR', 'Other team', ?, (select id from users where username = 'agent2'),
				        timestamptz '2031-07-08 09:00Z', timestamptz '2031-07-08 10:00Z', 'SCHEDULED') returning id
				""").param(account).query(Long.class).single();
		mvc.perform(post("/service/appointments/" + theirs + "/cancel").param("version", "0")
			.with(csrf())
			.with(as(users, "manager"))).andExpect(status().isNotFound());
		mvc.perform(post("/service/appointments/0" + theirs + "/no-show").param("version", "0")
			.with(csrf())
			.with(as(users, "manager"))).andExpect(status().isNotFound());
		assertThat(jdbc.sql("select status from service_appointments where id = ?")
			.param(theirs)
			.query(String.class)
			.single()).isEqualTo("SCHEDULED");
		// The desk sees every customer.
		mvc.perform(post("/service/appointments/" + theirs + "/cancel").param("version", "0")
			.with(csrf())
			.with(as(users, "agent"))).andExpect(redirectedUrlPattern("/service/appointments/*"));
		assertThat(jdbc.sql("select status from service_appointments where id = ?")
			.param(theirs)
			.query(String.class)
			.single()).isEqualTo("CANCELLED");
	}

	@Test
	void aRepBooksForTheirOwnCustomerButNotForAnotherRepsAndMarketersHaveNoAppointments() throws Exception {
		long mine = jdbc.sql("""
				select min(c.id) from contacts c join accounts a on a.id = c.account_id
				where a.owner_id = (select id from users where username = 'rep')
				""").query(Long.class).single();
		long theirs = jdbc.sql("""
				select min(c.id) from contacts c join accounts a on a.id = c.account_id
				where a.owner_id = (select id from users where username = 'rep2')
				""").query(Long.class).single();
		long agent2 = users.loadUserByUsername("agent2").id();
		mvc.perform(post("/service/appointments").param("kind", "REPAIR")
			.param("title", "Sneaky visit")
			.param("contactId", String.valueOf(theirs))
			.param("agentId", String.valueOf(agent2))
			.param("startsAt", "2031-07-09T09:00")
			.param("endsAt", "2031-07-09T10:00")
			.with(csrf())
			.with(as(users, "rep"))).andExpect(status().isOk()).andExpect(model().attributeHasErrors("form"));
		assertThat(jdbc.sql("select count(*) from service_appointments where title = 'Sneaky visit'")
			.query(Long.class)
			.single()).isZero();
		String theirName = jdbc.sql("select last_name from contacts where id = ?")
			.param(theirs)
			.query(String.class)
			.single();
		mvc.perform(get("/service/appointments/new").param("contactId", String.valueOf(theirs)).with(as(users, "rep")))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString(theirName))));
		mvc.perform(post("/service/appointments").param("kind", "REPAIR")
			.param("title", "Own visit")
			.param("contactId", String.valueOf(mine))
			.param("agentId", String.valueOf(agent2))
			.param("startsAt", "2031-07-10T09:00")
			.param("endsAt", "2031-07-10T10:00")
			.with(csrf())
			.with(as(users, "rep"))).andExpect(redirectedUrlPattern("/service/appointments/*"));
		mvc.perform(get("/service/calendar").with(as(users, "marketer"))).andExpect(status().isForbidden());
		mvc.perform(get("/service/appointments/new").with(as(users, "marketer"))).andExpect(status().isForbidden());
	}

}
