package org.opencrm.web.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.opencrm.web.Logins.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import org.junit.jupiter.api.Test;
import org.opencrm.core.user.UserService;
import org.opencrm.web.WebIntegrationTest;
import org.jsoup.Jsoup;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@WebIntegrationTest
class ContactPagesTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	private MockHttpServletRequestBuilder createContact(String first, String last) {
		return post("/contacts").param("firstName", first)
			.param("lastName", last)
			.param("lifecycleStage", "LEAD")
			.param("version", "0")
			.with(csrf())
			.with(as(users, "rep"));
	}

	private long account(String name) {
		return jdbc.sql("insert into accounts (name, lifecycle_stage) values (?, 'CUSTOMER') returning id")
			.param(name)
			.query(Long.class)
			.single();
	}

	private long contactsNamed(String last) {
		return jdbc.sql("select count(*) from contacts where last_name = ?").param(last).query(Long.class).single();
	}

	@Test
	void aContactIsCreatedAtTheAccountNamedOnTheFormWithConsentRecorded() throws Exception {
		long acme = account("Named Account KG");
		String location = mvc
			.perform(createContact("Nora", "Named").param("accountIdText", "named account kg")
				.param("email", "nora.named@example.com")
				.param("consentEmail", "true"))
			.andExpect(redirectedUrlPattern("/contacts/*"))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		var row = jdbc.sql(
				"select account_id, consent_email, consent_updated_at is not null as stamped from contacts where last_name = 'Named'")
			.query((rs, n) -> new Object[] { rs.getLong(1), rs.getBoolean(2), rs.getBoolean(3) })
			.single();
		assertThat(row).containsExactly(acme, true, true);
		mvc.perform(get(location).with(as(users, "agent")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Named Account KG")));
	}

	@Test
	void theLanguageOfAContactsMailsIsChosenOnTheFormAndAnUnknownOneSavesNothing() throws Exception {
		String location = mvc.perform(createContact("Greta", "Germanmail").param("preferredLocale", "de"))
			.andExpect(redirectedUrlPattern("/contacts/*"))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		assertThat(jdbc.sql("select preferred_locale from contacts where last_name = 'Germanmail'")
			.query(String.class)
			.single()).isEqualTo("de");
		String edit = mvc.perform(get(location + "/edit").with(as(users, "rep")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(Jsoup.parse(edit).select("select[name=preferredLocale] option[selected]").val()).isEqualTo("de");
		mvc.perform(get(location).with(as(users, "rep")))
			.andExpect(content().string(containsString("id=\"contact-language\">Deutsch</dd>")));

		mvc.perform(createContact("Fiona", "Frenchmail").param("preferredLocale", "fr"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("form", "preferredLocale", "contact.preferredLocale.unknown"))
			.andExpect(content().string(containsString("Choose English or Deutsch.")));
		assertThat(contactsNamed("Frenchmail")).isZero();
	}

	@Test
	void anAccountWithManyContactsLinksToTheFullListOfItsContactsOnly() throws Exception {
		long acct = account("Many People GmbH");
		jdbc.sql("""
				insert into contacts (account_id, first_name, last_name, lifecycle_stage)
				select ?, 'Person' || g, 'Manyfold', 'LEAD' from generate_series(1, 12) g
				""").param(acct).update();
		mvc.perform(get("/accounts/{id}", acct).with(as(users, "rep")))
			.andExpect(content().string(containsString("href=\"/contacts?account=" + acct + "\"")));
		String list = mvc.perform(get("/contacts").param("account", String.valueOf(acct)).with(as(users, "rep")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(list.split("Manyfold, Person", -1)).hasSize(13);
		assertThat(list).contains("12 results").contains("Many People GmbH");
	}

	@Test
	void anUnknownAccountNameIsAFieldMessageAndNothingIsSaved() throws Exception {
		mvc.perform(createContact("Ghost", "Accountless").param("accountIdText", "No Such Company 123"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("form", "accountId", "picker.unknown.account"))
			.andExpect(content().string(containsString("There is no account “No Such Company 123” you may see.")));
		assertThat(contactsNamed("Accountless")).isZero();
	}

	@Test
	void requiredNamesAndAValidEmailAreEnforced() throws Exception {
		mvc.perform(createContact("", "").param("email", "jane@"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("form", "firstName", "lastName", "email"));
	}

	@Test
	void anEmailWithoutADomainOrAnUnknownCountryIsAFieldMessageAndSavesNothing() throws Exception {
		mvc.perform(createContact("Nowhere", "Unplaced").param("email", "nowhere@localhost")
			.param("country", "Narnia")
			.param("city", "Cair Paravel"))
			.andExpect(status().isOk())
			.andExpect(view().name("contact/form"))
			.andExpect(model().attributeHasFieldErrorCode("form", "email", "ValidEmail"))
			.andExpect(model().attributeHasFieldErrorCode("form", "country", "ValidCountry"))
			.andExpect(content().string(containsString("Enter a valid e-mail address")))
			.andExpect(content().string(containsString("Enter a country")))
			.andExpect(content().string(containsString("value=\"Cair Paravel\"")));
		assertThat(contactsNamed("Unplaced")).isZero();
	}

	@Test
	void aContactsCountryIsKeptAsItsEnglishNameAndItsEmailDomainLowerCase() throws Exception {
		mvc.perform(
				createContact("Coded", "Countryman").param("country", "GB").param("email", "coded@Countryman.Example"))
			.andExpect(redirectedUrlPattern("/contacts/*"));
		assertThat(jdbc.sql("select country || ' ' || email from contacts where last_name = 'Countryman'")
			.query(String.class)
			.single()).isEqualTo("United Kingdom coded@countryman.example");
	}

	@Test
	void theSameEmailWarnsOfADuplicateUntilConfirmed() throws Exception {
		mvc.perform(createContact("First", "Dupcheck").param("email", "dup.check@example.com"))
			.andExpect(redirectedUrlPattern("/contacts/*"));
		mvc.perform(createContact("Second", "Dupcheck").param("email", "Dup.Check@example.com"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("duplicate-warning")))
			.andExpect(content().string(containsString("same e-mail")));
		assertThat(contactsNamed("Dupcheck")).isOne();
		mvc.perform(createContact("Second", "Dupcheck").param("email", "dup.check@example.com")
			.param("confirmDuplicate", "true")).andExpect(redirectedUrlPattern("/contacts/*"));
		assertThat(contactsNamed("Dupcheck")).isEqualTo(2);
	}

	@Test
	void aCallLoggedOnAContactAppearsOnItsTimelineAndItsAccountTimeline() throws Exception {
		long acct = account("Timeline Both Ways AB");
		long contact = jdbc.sql(
				"insert into contacts (account_id, first_name, last_name, lifecycle_stage) values (?, 'Tim', 'Line', 'LEAD') returning id")
			.param(acct)
			.query(Long.class)
			.single();
		mvc.perform(post("/contacts/{id}/interactions", contact).param("kind", "CALL")
			.param("subject", "Asked about renewal pricing")
			.param("body", "Wants a quote by Friday")
			.with(csrf())
			.with(as(users, "rep"))).andExpect(redirectedUrl("/contacts/" + contact + "#timeline"));

		mvc.perform(get("/contacts/{id}", contact).with(as(users, "rep")))
			.andExpect(content().string(containsString("Asked about renewal pricing")));
		mvc.perform(get("/accounts/{id}", acct).with(as(users, "rep")))
			.andExpect(content().string(containsString("Asked about renewal pricing")))
			.andExpect(content().string(containsString("Rita Rep")));
	}

	@Test
	void anInvalidLogEntryComesBackWithMessagesAndWritesNothing() throws Exception {
		long contact = jdbc.sql(
				"insert into contacts (first_name, last_name, lifecycle_stage) values ('Bad', 'Log', 'LEAD') returning id")
			.query(Long.class)
			.single();
		var posted = mvc
			.perform(post("/contacts/{id}/interactions", contact).param("kind", "CALL")
				.param("subject", "")
				.param("occurredAt", "2999-01-01T10:00")
				.with(csrf())
				.with(as(users, "rep")))
			.andExpect(redirectedUrl("/contacts/" + contact + "#log"))
			.andReturn();
		assertThat(jdbc.sql("select count(*) from interactions where contact_id = ?")
			.param(contact)
			.query(Long.class)
			.single()).isZero();

		// Following the redirect with the same (PostgreSQL-stored) session shows the
		// messages next to the fields.
		mvc.perform(
				get("/contacts/{id}", contact).cookie(posted.getResponse().getCookie("SESSION")).with(as(users, "rep")))
			.andExpect(content().string(containsString("Please fill this in.")))
			.andExpect(content().string(containsString("can’t be in the future")))
			.andExpect(content().string(containsString("value=\"2999-01-01T10:00\"")));
	}

	@Test
	void aFollowUpScheduledOnAContactShowsThereAndDoneLandsOnTheTimeline() throws Exception {
		long contact = jdbc.sql(
				"insert into contacts (first_name, last_name, lifecycle_stage) values ('Fol', 'Lowup', 'LEAD') returning id")
			.query(Long.class)
			.single();
		long rep = users.loadUserByUsername("rep").id();
		mvc.perform(post("/tasks").param("title", "Send the revised quote")
			.param("dueAt", "2030-01-15T09:00")
			.param("assigneeId", String.valueOf(rep))
			.param("contactId", String.valueOf(contact))
			.param("returnTo", "/contacts/" + contact)
			.with(csrf())
			.with(as(users, "rep"))).andExpect(redirectedUrl("/contacts/" + contact));
		long task = jdbc.sql("select id from tasks where contact_id = ?").param(contact).query(Long.class).single();
		mvc.perform(get("/contacts/{id}", contact).with(as(users, "rep")))
			.andExpect(content().string(containsString("Send the revised quote")));

		// Someone else's task is not theirs to tick off.
		mvc.perform(post("/tasks/{id}/complete", task).with(csrf()).with(as(users, "agent")))
			.andExpect(status().isNotFound());
		mvc.perform(post("/tasks/{id}/complete", task).param("returnTo", "https://evil.example/")
			.with(csrf())
			.with(as(users, "rep"))).andExpect(redirectedUrl("/tasks"));
		mvc.perform(get("/contacts/{id}", contact).with(as(users, "rep")))
			.andExpect(content().string(containsString("Task done: Send the revised quote")));
	}

	@Test
	void aPhoneNumberOrEmailInTheSearchBoxOpensTheCallersPage() throws Exception {
		long contact = jdbc.sql(
				"insert into contacts (first_name, last_name, email, phone, lifecycle_stage) values ('Cal', 'Ler', 'cal.ler@example.com', '+44 20 7946 0958', 'CUSTOMER') returning id")
			.query(Long.class)
			.single();
		mvc.perform(get("/search").param("q", "+44 (0)20 7946 0958".replace("(0)", "")).with(as(users, "agent")))
			.andExpect(redirectedUrl("/contacts/" + contact));
		mvc.perform(get("/search").param("q", "CAL.LER@example.com").with(as(users, "agent")))
			.andExpect(redirectedUrl("/contacts/" + contact));
		mvc.perform(get("/search").param("q", "Ler").with(as(users, "agent")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("/contacts/" + contact)));
	}

	@Test
	void aRepIsNotWarnedAboutNorCanFileUnderOrGiveAwayCustomersTheyCantSee() throws Exception {
		String u = java.util.UUID.randomUUID().toString().substring(0, 8);
		long rep2 = users.loadUserByUsername("rep2").id();
		long theirs = jdbc
			.sql("insert into accounts (name, lifecycle_stage, owner_id) values (?, 'CUSTOMER', ?) returning id")
			.params("Hidden Employer " + u, rep2)
			.query(Long.class)
			.single();
		jdbc.sql(
				"""
						insert into contacts (first_name, last_name, email, lifecycle_stage, account_id) values ('Hana', ?, ?, 'CUSTOMER', ?)
						""")
			.params("Hidden" + u, "hana-" + u + "@hidden.example", theirs)
			.update();
		// The same e-mail as rep2's contact: no warning naming her (for the rep she
		// doesn't exist).
		mvc.perform(createContact("Hanna", "Other" + u).param("email", "HANA-" + u + "@hidden.example"))
			.andExpect(redirectedUrlPattern("/contacts/*"));
		// Filing a person under rep2's account by typing its name: "no such account".
		mvc.perform(createContact("Filed", "Under" + u).param("accountIdText", "Hidden Employer " + u))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("form", "accountId", "picker.unknown.account"));
		assertThat(contactsNamed("Under" + u)).isZero();
		// Giving a person to rep2.
		mvc.perform(createContact("Given", "Away" + u).param("ownerId", String.valueOf(rep2)))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("form", "ownerId", "customer.owner.notAllowed"));
		assertThat(contactsNamed("Away" + u)).isZero();
	}

}
