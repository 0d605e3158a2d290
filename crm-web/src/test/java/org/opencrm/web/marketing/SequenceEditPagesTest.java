package org.opencrm.web.marketing;

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

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.user.UserService;
import org.opencrm.marketing.sequence.SequenceCommand;
import org.opencrm.marketing.sequence.SequenceEnrolments;
import org.opencrm.marketing.sequence.SequenceService;
import org.opencrm.marketing.sequence.Step;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

@WebIntegrationTest
class SequenceEditPagesTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SequenceService sequences;

	@Autowired
	SequenceEnrolments enrolments;

	long welcome() {
		return jdbc.sql("select id from email_templates where name = 'Welcome'").query(Long.class).single();
	}

	/**
	 * A sequence of send, wait 2, send, with one contact active at step {@code reached}
	 * (0: nobody).
	 */
	long sequence(String name, int reached) {
		long t = welcome();
		long id = sequences.create(
				new SequenceCommand(name, null, false, List.of(Step.send(1, t), Step.waitDays(2, 2), Step.send(3, t))));
		if (reached > 0) {
			long contact = contact();
			enrolments.enrol(id, contact);
			jdbc.sql(
					"update sequence_enrolments set position = ?, next_run_at = now() + interval '2 days' where sequence_id = ?")
				.params(reached, id)
				.update();
		}
		return id;
	}

	/**
	 * A lead without e-mail consent: the scheduler may advance it, but no mail reaches
	 * the sent list that other tests of this shared context read.
	 */
	long contact() {
		return jdbc.sql("""
				insert into contacts (first_name, last_name, email, lifecycle_stage, consent_email)
				values ('Seq', 'Editor', ?, 'LEAD', false) returning id
				""").param("seq-" + UUID.randomUUID() + "@example.com").query(Long.class).single();
	}

	String name(long id) {
		return jdbc.sql("select name from sequences where id = ?").param(id).query(String.class).single();
	}

	@Test
	void theEditPageShowsTheStepsAsTypedAndSavesNameTriggersAndAppendedSteps() throws Exception {
		long t = welcome();
		long id = sequence("Edit me " + UUID.randomUUID(), 3);

		mvc.perform(get("/marketing/sequences/" + id).with(as(users, "marketer")))
			.andExpect(content().string(containsString("/marketing/sequences/" + id + "/edit")));
		mvc.perform(get("/marketing/sequences/" + id + "/edit").with(as(users, "marketer")))
			.andExpect(status().isOk())
			// A template by its name, as a marketer types it.
			.andExpect(content().string(containsString("send Welcome\nwait 2\nsend Welcome")))
			.andExpect(content().string(containsString("name=\"version\" value=\"0\"")));

		mvc.perform(post("/marketing/sequences/" + id + "/edit").with(as(users, "marketer"))
			.with(csrf())
			.param("name", "Edited sequence")
			.param("enrolTag", "webinar")
			.param("enrolOnLeadConverted", "true")
			.param("version", "0")
			.param("steps", "send " + t + "\nwait 5\nsend " + t + "\ntag nurtured"))
			.andExpect(redirectedUrl("/marketing/sequences/" + id))
			.andExpect(flash().attribute("flash", "mkt.sequence.saved"));

		mvc.perform(get("/marketing/sequences/" + id).with(as(users, "marketer")))
			.andExpect(content().string(containsString("Edited sequence")))
			.andExpect(content().string(containsString("Wait 5 day(s)")))
			.andExpect(content().string(containsString("webinar")));
		assertThat(jdbc.sql("select count(*) from sequence_steps where sequence_id = ?")
			.param(id)
			.query(Long.class)
			.single()).isEqualTo(4);
	}

	@Test
	void badInputOnTheEditFormIsShownOnTheFormAndNothingIsWritten() throws Exception {
		long t = welcome();
		String original = "Keep me " + UUID.randomUUID();
		long id = sequence(original, 2);

		mvc.perform(post("/marketing/sequences/" + id + "/edit").with(as(users, "marketer"))
			.with(csrf())
			.param("name", " ")
			.param("version", "0")
			.param("steps", "send " + t))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("is-invalid")));
		mvc.perform(post("/marketing/sequences/" + id + "/edit").with(as(users, "marketer"))
			.with(csrf())
			.param("name", "Renamed")
			.param("version", "0")
			.param("steps", "send " + t + "\nfly away"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Line 2 is not a step")));
		mvc.perform(post("/marketing/sequences/" + id + "/edit").with(as(users, "marketer"))
			.with(csrf())
			.param("name", "Renamed")
			.param("version", "0")
			.param("steps", "send " + t + "\nsend " + t))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Contacts have reached step 2")));
		mvc.perform(post("/marketing/sequences/" + id + "/edit").with(as(users, "marketer"))
			.with(csrf())
			.param("name", "Renamed")
			.param("version", "0")
			.param("steps", "send " + t + "\nwait 2\nbranch opened 9 1"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Step 3 is incomplete")));
		mvc.perform(post("/marketing/sequences/" + id + "/edit").with(as(users, "marketer"))
			.with(csrf())
			.param("name", "Renamed")
			.param("steps", "send " + t))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("open the sequence again")));
		mvc.perform(post("/marketing/sequences/" + id + "/edit").with(as(users, "marketer"))
			.with(csrf())
			.param("name", "Renamed")
			.param("version", "zero")
			.param("steps", "send " + t))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("open the sequence again")));

		assertThat(name(id)).isEqualTo(original);
		assertThat(jdbc.sql("select count(*) from sequence_steps where sequence_id = ?")
			.param(id)
			.query(Long.class)
			.single()).isEqualTo(3);
	}

	@Test
	void aStaleEditOrPauseGetsTheConflictPage() throws Exception {
		long t = welcome();
		long id = sequence("Stale " + UUID.randomUUID(), 0);
		sequences.update(id, 0, new SequenceCommand("Saved first", null, false, List.of(Step.send(1, t))));

		mvc.perform(post("/marketing/sequences/" + id + "/edit").with(as(users, "marketer"))
			.with(csrf())
			.param("name", "Saved second")
			.param("version", "0")
			.param("steps", "send " + t))
			.andExpect(status().isConflict())
			.andExpect(content().string(containsString("href=\"/marketing/sequences/" + id + "\"")));
		mvc.perform(post("/marketing/sequences/" + id + "/active").with(as(users, "marketer"))
			.with(csrf())
			.param("version", "0")
			.param("active", "false"))
			.andExpect(status().isConflict())
			.andExpect(content().string(containsString("href=\"/marketing/sequences/" + id + "\"")));

		assertThat(name(id)).isEqualTo("Saved first");
	}

	@Test
	void aPausedSequenceSaysSoRefusesEnrolmentsAndCanBeResumed() throws Exception {
		long id = sequence("Pausable " + UUID.randomUUID(), 0);
		long contact = contact();

		mvc.perform(post("/marketing/sequences/" + id + "/active").with(as(users, "marketer"))
			.with(csrf())
			.param("version", "0")
			.param("active", "false"))
			.andExpect(redirectedUrl("/marketing/sequences/" + id))
			.andExpect(flash().attribute("flash", "mkt.sequence.paused"));
		mvc.perform(get("/marketing/sequences/" + id).with(as(users, "marketer")))
			.andExpect(content().string(containsString("id=\"sequence-paused\"")))
			.andExpect(content().string(containsString("Resume")));
		mvc.perform(post("/marketing/sequences/" + id + "/enrol").with(as(users, "marketer"))
			.with(csrf())
			.param("contactId", String.valueOf(contact)))
			.andExpect(flash().attribute("flashError", "sequence.inactive"));

		mvc.perform(post("/marketing/sequences/" + id + "/active").with(as(users, "marketer"))
			.with(csrf())
			.param("version", "1")
			.param("active", "true")).andExpect(flash().attribute("flash", "mkt.sequence.resumed"));
		mvc.perform(post("/marketing/sequences/" + id + "/enrol").with(as(users, "marketer"))
			.with(csrf())
			.param("contactId", String.valueOf(contact)))
			.andExpect(flash().attribute("flash", "mkt.sequence.enrolled"));
	}

	@Test
	void editingASequenceThatDoesNotExistIsNotFound() throws Exception {
		mvc.perform(get("/marketing/sequences/999999999/edit").with(as(users, "marketer")))
			.andExpect(status().isNotFound());
	}

}
