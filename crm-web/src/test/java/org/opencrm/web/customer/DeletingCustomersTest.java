package org.opencrm.web.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.opencrm.web.Logins.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.opencrm.core.user.UserService;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue 18 item 5: deleting a person or a company that other records refer to. Per
 * reference: refused with what holds it (the page flashes it, the API answers a 422
 * problem), or the other record is detached and the deletion goes through. Never a 500.
 */
@WebIntegrationTest
class DeletingCustomersTest {

	private static final AtomicLong SEQ = new AtomicLong(System.nanoTime() % 1_000_000_000L);

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	// --- people ---

	@Test
	void aPersonWithATicketIsRefusedOnThePageWithWhatHoldsThem() throws Exception {
		long contact = contact(null);
		ticket(contact, null);

		mvc.perform(post("/contacts/{id}/delete", contact).param("version", "0").with(csrf()).with(as(users, "admin")))
			.andExpect(redirectedUrl("/contacts/" + contact))
			.andExpect(flash().attribute("ruleError",
					"This person cannot be deleted while 1 ticket still refer to them. Close, reassign or remove those first."));
		assertThat(exists("contacts", contact)).isTrue();
	}

	@Test
	void aPersonWithATicketIsRefusedOnTheApiWithAProblem() throws Exception {
		long contact = contact(null);
		ticket(contact, null);
		ticket(contact, null);

		mvc.perform(delete("/api/v1/contacts/{id}", contact).param("version", "0").with(httpBasic("admin", "demo")))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.code").value("contact.delete.held"))
			.andExpect(jsonPath("$.detail").value(containsString("2 tickets")));
		assertThat(exists("contacts", contact)).isTrue();
	}

	@Test
	void aPersonWhoWroteInSomeoneElsesTicketIsHeldToo() throws Exception {
		long requester = contact(null);
		long colleague = contact(null);
		long ticket = ticket(requester, null);
		jdbc.sql(
				"insert into ticket_messages (ticket_id, author_kind, author_contact_id, body) values (?, 'CUSTOMER', ?, 'Me too')")
			.params(ticket, colleague)
			.update();

		mvc.perform(delete("/api/v1/contacts/{id}", colleague).param("version", "0").with(httpBasic("admin", "demo")))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.detail").value(containsString("1 ticket")));
	}

	@Test
	void aPersonWithAPortalSignInIsRefusedAndEveryHolderIsListed() throws Exception {
		long contact = contact(null);
		ticket(contact, null);
		jdbc.sql("""
				insert into users (username, full_name, password_hash, role, contact_id)
				values (?, 'Portal Person', '{noop}x', 'CUSTOMER', ?)
				""").params("portal" + SEQ.incrementAndGet() + "@example.com", contact).update();

		mvc.perform(post("/contacts/{id}/delete", contact).param("version", "0").with(csrf()).with(as(users, "admin")))
			.andExpect(flash().attribute("ruleError", containsString("1 portal sign-in, 1 ticket still refer")));
		mvc.perform(delete("/api/v1/contacts/{id}", contact).param("version", "0").with(httpBasic("admin", "demo")))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.detail").value(containsString("1 portal sign-in, 1 ticket")));
		assertThat(exists("contacts", contact)).isTrue();
	}

	@Test
	void aScheduledAppointmentHoldsThePersonAndPastOnesAreDetachedOrGo() throws Exception {
		long account = account();
		long contact = contact(account);
		long upcoming = appointment(account, contact, "SCHEDULED");
		mvc.perform(delete("/api/v1/contacts/{id}", contact).param("version", "0").with(httpBasic("admin", "demo")))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.detail").value(containsString("1 scheduled appointment")));

		jdbc.sql("update service_appointments set status = 'DONE' where id = ?").param(upcoming).update();
		long aboutThePersonAlone = appointment(null, contact, "CANCELLED");
		mvc.perform(post("/contacts/{id}/delete", contact).param("version", "0").with(csrf()).with(as(users, "admin")))
			.andExpect(redirectedUrl("/contacts"));

		assertThat(exists("contacts", contact)).isFalse();
		assertThat(
				jdbc.sql("select account_id is not null and contact_id is null from service_appointments where id = ?")
					.param(upcoming)
					.query(Boolean.class)
					.single())
			.as("kept for the account, without the person")
			.isTrue();
		assertThat(exists("service_appointments", aboutThePersonAlone)).isFalse();
	}

	@Test
	void aPersonCreatedByALeadConversionIsDeletedAndTheLeadStaysConverted() throws Exception {
		long account = account();
		long contact = contact(account);
		long lead = jdbc.sql("""
				insert into leads (last_name, source, status, converted_account_id, converted_contact_id, converted_at)
				values ('Converted', 'test', 'CONVERTED', ?, ?, now()) returning id
				""").params(account, contact).query(Long.class).single();

		mvc.perform(delete("/api/v1/contacts/{id}", contact).param("version", "0").with(httpBasic("admin", "demo")))
			.andExpect(status().isNoContent());

		assertThat(exists("contacts", contact)).isFalse();
		assertThat(jdbc.sql("select status || ':' || coalesce(converted_contact_id::text, '-') from leads where id = ?")
			.param(lead)
			.query(String.class)
			.single()).isEqualTo("CONVERTED:-");
		mvc.perform(get("/leads/{id}", lead).with(as(users, "admin"))).andExpect(status().isOk());
	}

	@Test
	void aDealsPrimaryContactIsTakenOffTheDealAndTheDealStays() throws Exception {
		long account = account();
		long contact = contact(account);
		long deal = deal(account, contact, null);

		mvc.perform(post("/contacts/{id}/delete", contact).param("version", "0").with(csrf()).with(as(users, "admin")))
			.andExpect(redirectedUrl("/contacts"));

		assertThat(jdbc.sql("select primary_contact_id is null and version = 1 from opportunities where id = ?")
			.param(deal)
			.query(Boolean.class)
			.single()).isTrue();
	}

	@Test
	void aSurveyAnswerStaysWithoutThePerson() throws Exception {
		long account = account();
		long contact = contact(account);
		long survey = survey(account, contact);

		mvc.perform(delete("/api/v1/contacts/{id}", contact).param("version", "0").with(httpBasic("admin", "demo")))
			.andExpect(status().isNoContent());

		assertThat(jdbc.sql("select contact_id is null and account_id is not null from csat_surveys where id = ?")
			.param(survey)
			.query(Boolean.class)
			.single()).isTrue();
	}

	@Test
	void aStaleVersionIsAConflictNotADeletion() throws Exception {
		long contact = contact(null);
		mvc.perform(delete("/api/v1/contacts/{id}", contact).param("version", "7").with(httpBasic("admin", "demo")))
			.andExpect(status().isConflict());
		assertThat(exists("contacts", contact)).isTrue();
	}

	// --- companies ---

	@Test
	void anAccountWithContactsIsRefusedOnTheApi() throws Exception {
		long account = account();
		contact(account);
		mvc.perform(delete("/api/v1/accounts/{id}", account).param("version", "0").with(httpBasic("admin", "demo")))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.detail").value(containsString("1 contact still refer to it")));
	}

	@Test
	void anAccountWithDealsIsRefusedOnThePageAndTheApi() throws Exception {
		long account = account();
		deal(account, null, null);

		mvc.perform(post("/accounts/{id}/delete", account).param("version", "0").with(csrf()).with(as(users, "admin")))
			.andExpect(redirectedUrl("/accounts/" + account))
			.andExpect(flash().attribute("ruleError", containsString("1 deal still refer to it")));
		mvc.perform(delete("/api/v1/accounts/{id}", account).param("version", "0").with(httpBasic("admin", "demo")))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.code").value("account.delete.held"));
		assertThat(exists("accounts", account)).isTrue();
	}

	@Test
	void anAccountWithTicketsOrAScheduledAppointmentIsRefused() throws Exception {
		long account = account();
		ticket(null, account);
		appointment(account, null, "SCHEDULED");

		mvc.perform(delete("/api/v1/accounts/{id}", account).param("version", "0").with(httpBasic("admin", "demo")))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.detail").value(containsString("1 scheduled appointment, 1 ticket")));
	}

	@Test
	void aPartnerThroughWhomDealsWereMadeIsHeldAndOneWithoutDealsGoesWithItsAccount() throws Exception {
		long partner = account();
		jdbc.sql("insert into partners (account_id, partner_type) values (?, 'RESELLER')").param(partner).update();
		long deal = deal(account(), null, partner);

		mvc.perform(delete("/api/v1/accounts/{id}", partner).param("version", "0").with(httpBasic("admin", "demo")))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.detail").value(containsString("1 deal made through this partner")));

		jdbc.sql("update opportunities set partner_account_id = null where id = ?").param(deal).update();
		mvc.perform(post("/accounts/{id}/delete", partner).param("version", "0").with(csrf()).with(as(users, "admin")))
			.andExpect(redirectedUrl("/accounts"));
		assertThat(exists("accounts", partner)).isFalse();
	}

	@Test
	void anAccountsConvertedLeadsSurveysAndPastAppointmentsStayWithoutIt() throws Exception {
		long account = account();
		long lead = jdbc.sql("""
				insert into leads (last_name, source, status, converted_account_id, converted_contact_id, converted_at)
				values ('Converted', 'test', 'CONVERTED', ?, null, now()) returning id
				""").param(account).query(Long.class).single();
		long survey = survey(account, null);
		long past = appointment(account, null, "DONE");

		mvc.perform(delete("/api/v1/accounts/{id}", account).param("version", "0").with(httpBasic("admin", "demo")))
			.andExpect(status().isNoContent());

		assertThat(exists("accounts", account)).isFalse();
		assertThat(jdbc.sql("select converted_account_id is null and status = 'CONVERTED' from leads where id = ?")
			.param(lead)
			.query(Boolean.class)
			.single()).isTrue();
		assertThat(jdbc.sql("select account_id is null from csat_surveys where id = ?")
			.param(survey)
			.query(Boolean.class)
			.single()).isTrue();
		assertThat(exists("service_appointments", past)).as("it had no one else").isFalse();
	}

	// --- data ---

	private long account() {
		return jdbc.sql("insert into accounts (name, lifecycle_stage) values (?, 'CUSTOMER') returning id")
			.param("Held Co " + SEQ.incrementAndGet())
			.query(Long.class)
			.single();
	}

	private long contact(Long account) {
		return jdbc.sql("""
				insert into contacts (account_id, first_name, last_name, lifecycle_stage)
				values (?, 'Held', ?, 'CUSTOMER') returning id
				""").params(account, "Person" + SEQ.incrementAndGet()).query(Long.class).single();
	}

	private long ticket(Long contact, Long account) {
		return jdbc.sql("""
				insert into tickets (number, subject, type, priority, status, channel, contact_id, account_id,
				                     opened_at, queue_sort_at)
				values (?, 'Help', 'INCIDENT', 'NORMAL', 'NEW', 'PHONE', ?, ?, now(), now()) returning id
				""").params("H-" + SEQ.incrementAndGet(), contact, account).query(Long.class).single();
	}

	private long appointment(Long account, Long contact, String status) {
		return jdbc
			.sql("""
					insert into service_appointments (kind, title, agent_id, account_id, contact_id, starts_at, ends_at, status)
					values ('REPAIR', 'Visit', (select id from users where username = 'agent'), ?, ?,
					        now() + interval '1 day', now() + interval '1 day 1 hour', ?) returning id
					""")
			.params(account, contact, status)
			.query(Long.class)
			.single();
	}

	private long deal(long account, Long contact, Long partner) {
		return jdbc
			.sql("""
					insert into opportunities (name, account_id, primary_contact_id, partner_account_id, pipeline_id, stage_id,
					                           status, currency, close_date, owner_id, forecast_category)
					select 'Held deal', ?, ?, ?, s.pipeline_id, s.id, 'OPEN', 'EUR', current_date,
					       (select id from users where username = 'rep'), 'PIPELINE'
					from pipeline_stages s join pipelines p on p.id = s.pipeline_id
					where p.is_default order by s.position limit 1
					returning id
					""")
			.params(account, contact, partner)
			.query(Long.class)
			.single();
	}

	private long survey(Long account, Long contact) {
		return jdbc.sql("""
				insert into csat_surveys (ticket_id, account_id, contact_id, resolved_at)
				values (?, ?, ?, now()) returning id
				""").params(-SEQ.incrementAndGet(), account, contact).query(Long.class).single();
	}

	private boolean exists(String table, long id) {
		return jdbc.sql("select count(*) from " + table + " where id = ?").param(id).query(Long.class).single() == 1;
	}

}
