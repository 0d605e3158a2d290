package org.opencrm.web.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.opencrm.web.Logins.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import org.junit.jupiter.api.Test;
import org.opencrm.core.account.AccountOwnerMoves;
import org.opencrm.core.user.UserService;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@WebIntegrationTest
class AccountPagesTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AccountOwnerMoves ownerMoves;

	private MockHttpServletRequestBuilder createAccount(String name) {
		return post("/accounts").param("name", name)
			.param("lifecycleStage", "LEAD")
			.param("version", "0")
			.with(csrf())
			.with(as(users, "rep"));
	}

	private long countNamed(String name) {
		return jdbc.sql("select count(*) from accounts where name = ?").param(name).query(Long.class).single();
	}

	@Test
	void aValidAccountIsCreatedAndOpens() throws Exception {
		String location = mvc
			.perform(createAccount("Valid Create GmbH").param("email", "info@valid.example")
				.param("tags", "VIP, newsletter, vip"))
			.andExpect(redirectedUrlPattern("/accounts/*"))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();

		mvc.perform(get(location).with(as(users, "rep")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Valid Create GmbH")))
			.andExpect(content().string(containsString("newsletter")));
		var tags = jdbc.sql("select array_to_string(tags, ',') from accounts where name = 'Valid Create GmbH'")
			.query(String.class)
			.single();
		assertThat(tags).isEqualTo("vip,newsletter");
	}

	@Test
	void invalidInputShowsFieldMessagesKeepsWhatWasTypedAndSavesNothing() throws Exception {
		mvc.perform(post("/accounts").param("name", " ")
			.param("email", "not-an-email")
			.param("phone", "call me maybe")
			.param("city", "Typed City")
			.param("lifecycleStage", "LEAD")
			.param("version", "0")
			.with(csrf())
			.with(as(users, "rep")))
			.andExpect(status().isOk())
			.andExpect(view().name("account/form"))
			.andExpect(model().attributeHasFieldErrors("form", "name", "email", "phone"))
			.andExpect(content().string(containsString("Please fill this in.")))
			.andExpect(content().string(containsString("Enter a valid e-mail address")))
			.andExpect(content().string(containsString("value=\"Typed City\"")));
		assertThat(countNamed(" ")).isZero();
	}

	@Test
	void anUnknownCountryIsAMessageOnTheCountryFieldAndSavesNothing() throws Exception {
		mvc.perform(createAccount("Atlantis Trading").param("country", "Atlantis").param("city", "Poseidonia"))
			.andExpect(status().isOk())
			.andExpect(view().name("account/form"))
			.andExpect(model().attributeHasFieldErrorCode("form", "country", "ValidCountry"))
			.andExpect(content().string(containsString("Enter a country")))
			.andExpect(content().string(containsString("value=\"Poseidonia\"")));
		assertThat(countNamed("Atlantis Trading")).isZero();
	}

	@Test
	void aCountryIsKeptAsItsEnglishNameAndAnEmailWithItsDomainLowerCase() throws Exception {
		mvc.perform(
				createAccount("Kept As Code GmbH").param("country", "de").param("email", "Info@Kept-As-Code.EXAMPLE"))
			.andExpect(redirectedUrlPattern("/accounts/*"));
		assertThat(jdbc.sql("select country || ' ' || email from accounts where name = 'Kept As Code GmbH'")
			.query(String.class)
			.single()).isEqualTo("Germany Info@kept-as-code.example");
	}

	@Test
	void anUnknownStageIsAFieldErrorNotAnErrorPage() throws Exception {
		mvc.perform(post("/accounts").param("name", "Bad Stage Ltd")
			.param("lifecycleStage", "NO_SUCH_STAGE")
			.param("version", "0")
			.with(csrf())
			.with(as(users, "rep")))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("form", "lifecycleStage"));
		assertThat(countNamed("Bad Stage Ltd")).isZero();
	}

	@Test
	void aLookAlikeAccountIsWarnedAboutAndSavedOnlyWhenConfirmed() throws Exception {
		mvc.perform(createAccount("Lookalike Industries AG").param("domain", "lookalike.example"))
			.andExpect(redirectedUrlPattern("/accounts/*"));

		mvc.perform(createAccount("Other Name Entirely").param("domain", "LOOKALIKE.example"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("duplicate-warning")))
			.andExpect(content().string(containsString("Lookalike Industries AG")));
		mvc.perform(createAccount("Lookalike Industries"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("similar name")));
		assertThat(countNamed("Lookalike Industries")).isZero();

		mvc.perform(createAccount("Lookalike Industries").param("confirmDuplicate", "true"))
			.andExpect(redirectedUrlPattern("/accounts/*"));
		assertThat(countNamed("Lookalike Industries")).isOne();
	}

	@Test
	void aStaleEditShowsTheConflictPageAndKeepsTheNewerVersion() throws Exception {
		long id = jdbc.sql("insert into accounts (name, lifecycle_stage) values ('Conflict Corp', 'LEAD') returning id")
			.query(Long.class)
			.single();
		// Someone else saves version 0 first...
		mvc.perform(post("/accounts/{id}", id).param("name", "Conflict Corp (theirs)")
			.param("lifecycleStage", "LEAD")
			.param("version", "0")
			.with(csrf())
			.with(as(users, "manager"))).andExpect(redirectedUrlPattern("/accounts/*"));
		// ...then my edit of the same version 0 arrives.
		mvc.perform(post("/accounts/{id}", id).param("name", "Conflict Corp (mine)")
			.param("lifecycleStage", "CUSTOMER")
			.param("version", "0")
			.with(csrf())
			.with(as(users, "rep")))
			.andExpect(status().isConflict())
			.andExpect(content().string(containsString("Someone else changed this record")))
			.andExpect(content().string(containsString("href=\"/accounts/" + id + "\"")));

		assertThat(jdbc.sql("select name from accounts where id = ?").param(id).query(String.class).single())
			.isEqualTo("Conflict Corp (theirs)");
	}

	@Test
	void unknownAndMalformedIdsGetTheNotFoundPage() throws Exception {
		mvc.perform(get("/accounts/987654321").with(as(users, "rep")))
			.andExpect(status().isNotFound())
			.andExpect(content().string(containsString("Not found")));
		mvc.perform(get("/accounts/not-a-number").with(as(users, "rep"))).andExpect(status().isNotFound());
		mvc.perform(get("/accounts/987654321/edit").with(as(users, "rep"))).andExpect(status().isNotFound());
	}

	@Test
	void onlyManagersAndAdminsSeeTheDeleteButton() throws Exception {
		long id = jdbc
			.sql("insert into accounts (name, lifecycle_stage) values ('Button Check Oy', 'LEAD') returning id")
			.query(Long.class)
			.single();
		mvc.perform(get("/accounts/{id}", id).with(as(users, "manager")))
			.andExpect(content().string(containsString("action=\"/accounts/" + id + "/delete\"")))
			.andExpect(content().string(containsString("href=\"/accounts/" + id + "/edit\"")));
		mvc.perform(get("/accounts/{id}", id).with(as(users, "rep")))
			.andExpect(content().string(not(containsString("/accounts/" + id + "/delete"))))
			.andExpect(content().string(containsString("href=\"/accounts/" + id + "/edit\"")));
	}

	@Test
	void anAccountWithContactsIsNotDeletedAndTheUserIsTold() throws Exception {
		long id = jdbc.sql("insert into accounts (name, lifecycle_stage) values ('Has People SA', 'LEAD') returning id")
			.query(Long.class)
			.single();
		jdbc.sql(
				"insert into contacts (account_id, first_name, last_name, lifecycle_stage) values (?, 'Still', 'Here', 'LEAD')")
			.param(id)
			.update();
		mvc.perform(post("/accounts/{id}/delete", id).param("version", "0").with(csrf()).with(as(users, "admin")))
			.andExpect(redirectedUrlPattern("/accounts/*"))
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash()
				.attribute("flashError", "flash.account.hasContacts"));
		assertThat(countNamed("Has People SA")).isOne();
	}

	@Test
	void theListFiltersAndPagesByCursorAndNeverShowsAStackTrace() throws Exception {
		mvc.perform(get("/accounts").param("stage", "CUSTOMER").param("sort", "NEWEST").with(as(users, "rep")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("rel=\"next\"")));
		mvc.perform(get("/accounts").param("q", "zzqxnothingmatches").with(as(users, "rep")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Nothing matches these filters.")));
		mvc.perform(get("/accounts").param("cursor", "garbage!!").param("sort", "NOPE").with(as(users, "rep")))
			.andExpect(status().isNotFound());
		// A cursor the pager did not write is a bad link (400 page), not silently the
		// first page.
		mvc.perform(get("/accounts").param("cursor", "garbage").with(as(users, "rep")))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(not(containsString("Exception"))));
	}

	private long user(String username) {
		return users.loadUserByUsername(username).id();
	}

	@Test
	void aRepIsNeitherWarnedAboutNorOfferedAnAccountTheyCantSee() throws Exception {
		String u = java.util.UUID.randomUUID().toString().substring(0, 8);
		String hidden = "Quuxbridge Hidden Works " + u;
		jdbc.sql("insert into accounts (name, domain, lifecycle_stage, owner_id) values (?, ?, 'CUSTOMER', ?)")
			.params(hidden, "hidden-" + u + ".example", user("rep2"))
			.update();
		// Not in the pick-list …
		mvc.perform(get("/accounts/pick").param("q", "Quuxbridge Hidden").with(as(users, "rep")))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString(hidden))));
		mvc.perform(get("/accounts/pick").param("q", "Quuxbridge Hidden").with(as(users, "rep2")))
			.andExpect(content().string(containsString(hidden)));
		// … nor in the duplicate warning (neither its name nor that something is there):
		// for the rep it doesn't exist.
		mvc.perform(createAccount("Another " + u).param("domain", "HIDDEN-" + u + ".example")
			.param("ownerId", String.valueOf(user("rep2")))
			.with(as(users, "rep2")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("duplicate-warning")));
		mvc.perform(createAccount("Another " + u).param("domain", "HIDDEN-" + u + ".example"))
			.andExpect(redirectedUrlPattern("/accounts/*"));
	}

	@Test
	void aRepOwnsOnlyTheirOwnAccountsAndAManagerGivesThemOnlyWithinTheTeam() throws Exception {
		String u = java.util.UUID.randomUUID().toString().substring(0, 8);
		mvc.perform(createAccount("Given away " + u).param("ownerId", String.valueOf(user("rep2"))))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("form", "ownerId", "customer.owner.notAllowed"))
			.andExpect(content().string(containsString("yourself or your team")));
		assertThat(countNamed("Given away " + u)).isZero();
		String location = mvc.perform(createAccount("Kept " + u).param("ownerId", String.valueOf(user("rep"))))
			.andExpect(redirectedUrlPattern("/accounts/*"))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		// Reassigning their own account to someone else: refused too, owner unchanged.
		mvc.perform(post(location).param("name", "Kept " + u)
			.param("lifecycleStage", "LEAD")
			.param("version", "0")
			.param("ownerId", String.valueOf(user("rep2")))
			.with(csrf())
			.with(as(users, "rep")))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("form", "ownerId", "customer.owner.notAllowed"));
		assertThat(
				jdbc.sql("select owner_id from accounts where name = ?").param("Kept " + u).query(Long.class).single())
			.isEqualTo(user("rep"));
		// A manager within the sales team, not to support.
		mvc.perform(createAccount("To support " + u).param("ownerId", String.valueOf(user("agent")))
			.with(as(users, "manager")))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("form", "ownerId", "customer.owner.notAllowed"));
		mvc.perform(createAccount("To the team " + u).param("ownerId", String.valueOf(user("rep2")))
			.with(as(users, "manager"))).andExpect(redirectedUrlPattern("/accounts/*"));
		assertThat(countNamed("To support " + u)).isZero();
		assertThat(countNamed("To the team " + u)).isOne();
	}

	/**
	 * A manager gives an account of 501 contacts to another rep: the form's request moves
	 * the account and leaves its contacts to the background job, and the account page
	 * says so (in each language) until the job has moved them.
	 */
	@Test
	void aLargeAccountGivenToAnotherRepSaysItsContactsAreStillMovingUntilTheJobIsThrough() throws Exception {
		String u = java.util.UUID.randomUUID().toString().substring(0, 8);
		long id = jdbc
			.sql("insert into accounts (name, lifecycle_stage, owner_id) values (?, 'CUSTOMER', ?) returning id")
			.params("Many Contacts " + u, user("rep"))
			.query(Long.class)
			.single();
		jdbc.sql("""
				insert into contacts (first_name, last_name, account_id, lifecycle_stage)
				select 'Mo' || g, ?, ?, 'LEAD' from generate_series(1, 501) g
				""").params("Many" + u, id).update();

		mvc.perform(post("/accounts/{id}", id).param("name", "Many Contacts " + u)
			.param("lifecycleStage", "CUSTOMER")
			.param("ownerId", String.valueOf(user("rep2")))
			.param("version", "0")
			.with(csrf())
			.with(as(users, "manager"))).andExpect(redirectedUrlPattern("/accounts/*"));

		assertThat(jdbc.sql("select owner_id from accounts where id = ?").param(id).query(Long.class).single())
			.isEqualTo(user("rep2"));
		assertThat(jdbc.sql("select count(*) from contacts where account_id = ? and access_owner_id = ?")
			.params(id, user("rep"))
			.query(Long.class)
			.single()).isEqualTo(501);
		mvc.perform(get("/accounts/{id}", id).with(as(users, "rep2")))
			.andExpect(status().isOk())
			.andExpect(content().string(
					containsString("Its contacts are still being moved to them in the background (0 moved so far)")));
		mvc.perform(get("/accounts/{id}", id).locale(java.util.Locale.GERMAN).with(as(users, "rep2")))
			.andExpect(status().isOk())
			.andExpect(
					content().string(containsString("Ihre Kontakte werden noch im Hintergrund übertragen (bisher 0)")));

		ownerMoves.moveAll();

		assertThat(jdbc.sql("select count(*) from contacts where account_id = ? and access_owner_id = ?")
			.params(id, user("rep2"))
			.query(Long.class)
			.single()).isEqualTo(501);
		mvc.perform(get("/accounts/{id}", id).with(as(users, "rep2")))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("contacts-moving"))));
	}

}
