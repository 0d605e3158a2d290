package org.opencrm.web.picker;

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

import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.opencrm.core.user.UserService;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The account field of the deal and contact forms is a picker: two accounts with the same
 * name are told apart by their domain or city and the form posts the chosen one's id;
 * without JavaScript the typed name of namesakes comes back as a choice between just
 * them, and nothing is saved until one is chosen.
 */
@WebIntegrationTest
class AccountFieldNamesakesTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	private final String name = "Twinharbour " + word();

	private static String word() {
		StringBuilder s = new StringBuilder();
		for (int i = 0; i < 8; i++) {
			s.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
		}
		return s.toString();
	}

	private long user(String username) {
		return users.loadUserByUsername(username).id();
	}

	/** Two accounts of the rep named alike: one known by its domain, one by its city. */
	private long[] namesakes() {
		long byDomain = jdbc.sql("""
				insert into accounts (name, domain, lifecycle_stage, owner_id) values (?, ?, 'CUSTOMER', ?) returning id
				""").params(name, "north-" + name.substring(12) + ".example", user("rep")).query(Long.class).single();
		long byCity = jdbc
			.sql("""
					insert into accounts (name, city, lifecycle_stage, owner_id) values (?, 'Oban', 'CUSTOMER', ?) returning id
					""")
			.params(name, user("rep"))
			.query(Long.class)
			.single();
		return new long[] { byDomain, byCity };
	}

	private MockHttpServletRequestBuilder contact(String last) {
		return post("/contacts").param("firstName", "Nia")
			.param("lastName", last)
			.param("lifecycleStage", "LEAD")
			.param("version", "0")
			.with(csrf())
			.with(as(users, "rep"));
	}

	private MockHttpServletRequestBuilder deal(String dealName) {
		return post("/opportunities").with(csrf())
			.with(as(users, "rep"))
			.param("name", dealName)
			.param("pipelineId", "1")
			.param("amount", "100")
			.param("currency", "EUR")
			.param("closeDate", LocalDate.now().plusDays(30).toString())
			.param("ownerId", String.valueOf(user("rep")));
	}

	private Long accountOfContact(String last) {
		return jdbc.sql("select account_id from contacts where last_name = ?")
			.param(last)
			.query(Long.class)
			.optional()
			.orElse(null);
	}

	@Test
	void theSuggestionsTellNamesakesApartByDomainOrCity() throws Exception {
		long[] twins = namesakes();
		mvc.perform(get("/accounts/pick").param("q", name).with(as(users, "rep")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("data-pick-id=\"" + twins[0] + "\"")))
			.andExpect(content().string(containsString("data-pick-id=\"" + twins[1] + "\"")))
			.andExpect(content().string(containsString("north-" + name.substring(12) + ".example")))
			.andExpect(content().string(containsString("Oban")));
	}

	@Test
	void aContactAtANameTwoAccountsBearIsSavedOnlyOnceOneIsChosen() throws Exception {
		long[] twins = namesakes();
		String last = "Namesake" + word();
		// Typed without choosing (no JavaScript): the two, each with its detail, to
		// choose from.
		mvc.perform(contact(last).param("accountIdText", name))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("form", "accountId", "picker.sameName"))
			.andExpect(content().string(containsString("More than one is named “" + name + "”: choose the right one.")))
			.andExpect(content().string(containsString("type=\"radio\" name=\"accountId\" value=\"" + twins[0] + "\"")))
			.andExpect(content().string(containsString("type=\"radio\" name=\"accountId\" value=\"" + twins[1] + "\"")))
			.andExpect(content().string(containsString("Oban")));
		assertThat(accountOfContact(last)).isNull();

		// The second one chosen: the contact is at that one.
		mvc.perform(contact(last).param("accountIdText", name).param("accountId", String.valueOf(twins[1])))
			.andExpect(redirectedUrlPattern("/contacts/*"));
		assertThat(accountOfContact(last)).isEqualTo(twins[1]);

		// Its edit form shows the chosen account's name with its id.
		long contact = jdbc.sql("select id from contacts where last_name = ?").param(last).query(Long.class).single();
		mvc.perform(get("/contacts/" + contact + "/edit").with(as(users, "rep")))
			.andExpect(content().string(containsString("value=\"" + name + "\" autocomplete")))
			.andExpect(content().string(containsString("name=\"accountId\" value=\"" + twins[1] + "\"")));
	}

	@Test
	void aDealAtANameTwoAccountsBearIsSavedOnlyOnceOneIsChosen() throws Exception {
		long[] twins = namesakes();
		String dealName = "Twin deal " + word();
		mvc.perform(deal(dealName).param("accountIdText", name))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("form", "accountId", "picker.sameName"))
			.andExpect(
					content().string(containsString("type=\"radio\" name=\"accountId\" value=\"" + twins[0] + "\"")));
		assertThat(jdbc.sql("select count(*) from opportunities where name = ?")
			.param(dealName)
			.query(Long.class)
			.single()).isZero();

		mvc.perform(deal(dealName).param("accountIdText", name).param("accountId", String.valueOf(twins[0])))
			.andExpect(redirectedUrlPattern("/opportunities/*"));
		assertThat(jdbc.sql("select account_id from opportunities where name = ?")
			.param(dealName)
			.query(Long.class)
			.single()).isEqualTo(twins[0]);
	}

	@Test
	void aDealNeedsAnAccountOneTheUserMaySee() throws Exception {
		namesakes();
		String dealName = "Accountless deal " + word();
		mvc.perform(deal(dealName))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("form", "accountId", "NotBlank"))
			.andExpect(content().string(containsString("Please fill this in.")));
		long theirs = jdbc.sql("""
				insert into accounts (name, lifecycle_stage, owner_id) values (?, 'CUSTOMER', ?) returning id
				""").params("Hidden " + name, user("rep2")).query(Long.class).single();
		mvc.perform(deal(dealName).param("accountId", String.valueOf(theirs)))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("form", "accountId", "picker.unknown.account"))
			.andExpect(content().string(not(containsString("Hidden " + name))));
		mvc.perform(deal(dealName).param("accountId", "not-a-number"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("form", "accountId"));
		assertThat(jdbc.sql("select count(*) from opportunities where name = ?")
			.param(dealName)
			.query(Long.class)
			.single()).isZero();
	}

}
