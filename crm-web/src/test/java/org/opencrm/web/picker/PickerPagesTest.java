package org.opencrm.web.picker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.opencrm.web.Logins.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.opencrm.core.user.UserService;
import org.opencrm.marketing.sequence.SequenceCommand;
import org.opencrm.marketing.sequence.SequenceService;
import org.opencrm.marketing.sequence.Step;
import org.opencrm.web.Logins;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Pickers: suggestions by name within what the user may see, capped; a chosen id that
 * doesn't exist or isn't visible, or a typed name that isn't one record, is a message on
 * the form and nothing is done; the pages name the records they refer to.
 */
@WebIntegrationTest
class PickerPagesTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SequenceService sequences;

	/** A word no demo record has. */
	private static String word() {
		StringBuilder s = new StringBuilder("Pk");
		for (int i = 0; i < 10; i++) {
			s.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
		}
		return s.toString();
	}

	private long userId(String username) {
		return jdbc.sql("select id from users where username = ?").param(username).query(Long.class).single();
	}

	private long account(String name, String owner) {
		return jdbc.sql("insert into accounts (name, lifecycle_stage, owner_id) values (?, 'CUSTOMER', ?) returning id")
			.params(name, userId(owner))
			.query(Long.class)
			.single();
	}

	private long contact(String first, String last, Long account) {
		return jdbc.sql("""
				insert into contacts (first_name, last_name, email, lifecycle_stage, consent_email, account_id)
				values (?, ?, ?, 'LEAD', false, ?) returning id
				""")
			.params(first, last, "pk-" + UUID.randomUUID() + "@example.com", account)
			.query(Long.class)
			.single();
	}

	private long segment(String name, long... members) {
		long id = jdbc.sql("insert into segments (name, kind) values (?, 'STATIC') returning id")
			.param(name)
			.query(Long.class)
			.single();
		for (long m : members) {
			jdbc.sql("insert into segment_members (segment_id, contact_id) values (?, ?)").params(id, m).update();
		}
		return id;
	}

	private long sequence() {
		long welcome = jdbc.sql("select min(id) from email_templates").query(Long.class).single();
		return sequences.create(new SequenceCommand("Picker " + word(), null, false,
				List.of(Step.send(1, welcome), Step.waitDays(2, 2))));
	}

	private long enrolled(long sequence) {
		return jdbc.sql("select count(*) from sequence_enrolments where sequence_id = ?")
			.param(sequence)
			.query(Long.class)
			.single();
	}

	@Test
	void aRepIsSuggestedOnlyTheCustomersTheyMaySee() throws Exception {
		String w = word();
		long mine = account(w + " Mine", "rep");
		long theirs = account(w + " Theirs", "rep2");
		contact("Ann", w, mine);
		contact("Bob", w, theirs);

		mvc.perform(get("/accounts/pick").param("q", w).header("HX-Request", "true").with(as(users, "rep")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("data-pick-id=\"" + mine + "\"")))
			.andExpect(content().string(not(containsString("data-pick-id=\"" + theirs + "\""))));
		// From a picker the typed text comes as its field's text.
		mvc.perform(get("/contacts/pick").param("field", "contactId")
			.param("contactIdText", w)
			.header("HX-Request", "true")
			.with(as(users, "rep")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Ann " + w)))
			.andExpect(content().string(not(containsString("Bob " + w))));
		mvc.perform(get("/accounts/pick").param("q", "Pk" + word()).with(as(users, "rep")))
			.andExpect(content().string(containsString("Nothing matches.")));
		// Marketing records are for the marketing roles only.
		mvc.perform(get("/marketing/segments/pick").param("q", "a").with(as(users, "rep")))
			.andExpect(status().isForbidden());
	}

	@Test
	void suggestionsAreCappedAndSayThereAreMore() throws Exception {
		String w = word();
		for (int i = 0; i < 12; i++) {
			contact("Cap" + i, w, null);
		}
		MvcResult result = mvc.perform(get("/contacts/pick").param("q", w).with(as(users, "marketer")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Only the first 10 matches are shown")))
			.andReturn();
		String body = result.getResponse().getContentAsString();
		assertThat(body.split("data-pick-id=", -1)).hasSize(11);
	}

	@Test
	void aSegmentAndAContactAreEnrolledByPickerOrByName() throws Exception {
		String w = word();
		long a = contact("Enrol", w + "a", null);
		long b = contact("Enrol", w + "b", null);
		long segment = segment("Picked " + w, a, b);
		long seq = sequence();

		mvc.perform(get("/marketing/segments/pick").param("q", w).with(as(users, "marketer")))
			.andExpect(content().string(containsString("data-pick-name=\"Picked " + w + "\"")));
		mvc.perform(post("/marketing/sequences/" + seq + "/enrol").with(csrf())
			.with(as(users, "marketer"))
			.param("segmentId", String.valueOf(segment))
			.param("segmentIdText", "Picked " + w))
			.andExpect(redirectedUrl("/marketing/sequences/" + seq))
			.andExpect(flash().attribute("flash", "mkt.sequence.enrolled"));
		assertThat(enrolled(seq)).isEqualTo(2);

		// Without JavaScript: a typed name that names one contact is that contact.
		long seq2 = sequence();
		mvc.perform(post("/marketing/sequences/" + seq2 + "/enrol").with(csrf())
			.with(as(users, "marketer"))
			.param("contactIdText", "Enrol " + w + "b")).andExpect(flash().attribute("flash", "mkt.sequence.enrolled"));
		assertThat(jdbc.sql("select contact_id from sequence_enrolments where sequence_id = ?")
			.param(seq2)
			.query(Long.class)
			.single()).isEqualTo(b);
	}

	@Test
	void aSequenceStepSendsATemplateNamedByItsName() throws Exception {
		String w = word();
		long welcome = jdbc.sql("select id from email_templates where name = 'Welcome'").query(Long.class).single();
		mvc.perform(post("/marketing/sequences").with(csrf())
			.with(as(users, "marketer"))
			.param("name", "Named steps " + w)
			.param("steps", "send welcome\nwait 2")).andExpect(status().is3xxRedirection());
		assertThat(jdbc.sql("""
				select st.template_id from sequence_steps st join sequences s on s.id = st.sequence_id
				where s.name = ? and st.position = 1
				""").param("Named steps " + w).query(Long.class).single()).isEqualTo(welcome);

		mvc.perform(post("/marketing/sequences").with(csrf())
			.with(as(users, "marketer"))
			.param("name", "Unnamed steps " + w)
			.param("steps", "wait 1\nsend No such template " + w))
			.andExpect(status().isOk())
			.andExpect(content()
				.string(containsString("Line 2: there is no template named “No such template " + w + "”.")));
		assertThat(jdbc.sql("select count(*) from sequences where name = ?")
			.param("Unnamed steps " + w)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void anUnknownIdOrANameOfSeveralIsAMessageWithTheChoicesAndEnrolsNobody() throws Exception {
		String w = word();
		// Namesakes: a typed name that fits both is not a choice.
		contact("Twin", w, null);
		contact("Twin", w, null);
		long seq = sequence();

		// The page it comes back to says what was wrong (the flash attribute, kept in the
		// PostgreSQL-backed session).
		Cookie session = Logins.signIn(mvc, "marketer");
		MvcResult unknown = mvc
			.perform(post("/marketing/sequences/" + seq + "/enrol").with(csrf())
				.cookie(session)
				.param("segmentId", "999999999")
				.param("segmentIdText", ""))
			.andExpect(redirectedUrl("/marketing/sequences/" + seq))
			.andReturn();
		Picked picked = (Picked) unknown.getFlashMap().get("segmentPicked");
		assertThat(picked.error()).isEqualTo("picker.unknown.segment");
		mvc.perform(get("/marketing/sequences/" + seq).cookie(session))
			.andExpect(content().string(containsString("There is no segment “999999999”.")));

		MvcResult several = mvc
			.perform(post("/marketing/sequences/" + seq + "/enrol").with(csrf())
				.cookie(session)
				.param("contactIdText", "Twin " + w))
			.andReturn();
		Picked twins = (Picked) several.getFlashMap().get("contactPicked");
		// Both bear the typed name: it says so, and offers just them.
		assertThat(twins.error()).isEqualTo("picker.sameName");
		assertThat(twins.choices()).hasSize(2);
		mvc.perform(get("/marketing/sequences/" + seq).cookie(session))
			.andExpect(
					content().string(containsString("More than one is named “Twin " + w + "”: choose the right one.")))
			.andExpect(content().string(containsString("type=\"radio\" name=\"contactId\"")));
		assertThat(enrolled(seq)).isZero();
	}

	@Test
	void aRepCannotBookForAnotherRepsCustomerByIdOrByName() throws Exception {
		String w = word();
		long theirs = account(w + " Theirs", "rep2");
		mvc.perform(post("/service/appointments").param("kind", "REPAIR")
			.param("title", "Picker visit " + w)
			.param("accountId", String.valueOf(theirs))
			.param("startsAt", "2031-07-09T09:00")
			.param("endsAt", "2031-07-09T10:00")
			.with(csrf())
			.with(as(users, "rep")))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("form", "accountId"))
			.andExpect(content().string(containsString("There is no account “" + theirs + "” you may see.")));
		mvc.perform(post("/service/appointments").param("kind", "REPAIR")
			.param("title", "Picker visit " + w)
			.param("accountIdText", w + " Theirs")
			.param("startsAt", "2031-07-09T09:00")
			.param("endsAt", "2031-07-09T10:00")
			.with(csrf())
			.with(as(users, "rep")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("There is no account “" + w + " Theirs” you may see.")));
		assertThat(jdbc.sql("select count(*) from service_appointments where title = ?")
			.param("Picker visit " + w)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void theServiceDeskPicksATicketByItsNumberAndTheAppointmentNamesIt() throws Exception {
		String w = word();
		long account = account(w + " Service", "rep");
		record TicketRef(long id, String number, String subject) {
		}
		TicketRef ticket = jdbc
			.sql("select id, number, subject from tickets where subject ~ '^[A-Za-z0-9 ,.-]+$' order by id limit 1")
			.query(TicketRef.class)
			.single();
		mvc.perform(get("/service/tickets/pick").param("q", ticket.number()).with(as(users, "agent")))
			.andExpect(content().string(containsString("data-pick-id=\"" + ticket.id() + "\"")));
		MvcResult booked = mvc
			.perform(post("/service/appointments").param("kind", "REPAIR")
				.param("title", "Ticket visit " + w)
				.param("accountId", String.valueOf(account))
				.param("ticketIdText", ticket.number())
				.param("agentId", String.valueOf(userId("agent")))
				.param("startsAt", "2031-08-09T09:00")
				.param("endsAt", "2031-08-09T10:00")
				.with(csrf())
				.with(as(users, "agent")))
			.andExpect(status().is3xxRedirection())
			.andReturn();
		assertThat(jdbc.sql("select ticket_id from service_appointments where title = ?")
			.param("Ticket visit " + w)
			.query(Long.class)
			.single()).isEqualTo(ticket.id());
		mvc.perform(get(booked.getResponse().getRedirectedUrl()).with(as(users, "agent")))
			.andExpect(content().string(containsString("href=\"/service/tickets/" + ticket.id() + "\"")))
			.andExpect(content().string(containsString(ticket.number() + " " + ticket.subject())));
	}

	@Test
	void theTemplatePreviewTakesAContactByNameAndTheCampaignPageNamesItsSegment() throws Exception {
		String w = word();
		long contact = contact("Preview", w, null);
		long template = jdbc.sql("select min(id) from email_templates").query(Long.class).single();
		mvc.perform(get("/marketing/templates/" + template).param("contactIdText", "Preview " + w)
			.with(as(users, "marketer")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"preview-subject\"")))
			.andExpect(content().string(containsString("name=\"contactId\" value=\"" + contact + "\"")));
		mvc.perform(get("/marketing/templates/" + template).param("contactId", "999999999").with(as(users, "marketer")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("There is no contact “999999999” you may see.")))
			.andExpect(content().string(not(containsString("id=\"preview-subject\""))));

		long segment = segment("Campaign audience " + w);
		long campaign = jdbc.sql("insert into campaigns (name, type, segment_id) values (?, 'EMAIL', ?) returning id")
			.params("Picker campaign " + w, segment)
			.query(Long.class)
			.single();
		mvc.perform(get("/marketing/campaigns/" + campaign).with(as(users, "marketer")))
			.andExpect(content().string(containsString("href=\"/marketing/segments/" + segment + "\"")))
			.andExpect(content().string(containsString("Campaign audience " + w)));

		// A web form's campaign, typed by name.
		mvc.perform(post("/marketing/forms").with(csrf())
			.with(as(users, "marketer"))
			.param("name", "Picker form " + w)
			.param("slug", "pk-" + w.toLowerCase())
			.param("thankYou", "Thanks")
			.param("active", "true")
			.param("campaignIdText", "Picker campaign " + w)
			.param("fields[0].field", "EMAIL")
			.param("fields[0].included", "true")
			.param("fields[0].required", "true")
			.param("fields[0].label", "Your e-mail")).andExpect(status().is3xxRedirection());
		assertThat(jdbc.sql("select campaign_id from lead_forms where name = ?")
			.param("Picker form " + w)
			.query(Long.class)
			.list()).containsExactly(campaign);
	}

}
