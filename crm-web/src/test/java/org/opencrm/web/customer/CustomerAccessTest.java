package org.opencrm.web.customer;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.opencrm.web.Logins.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencrm.core.user.UserService;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Record access on the dashboard and everything around it: a rep sees accounts they own
 * and unowned ones, a manager their team's, others all; a customer out of reach answers
 * exactly like one that doesn't exist (the 404 page).
 */
@WebIntegrationTest
class CustomerAccessTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	DashboardRows rows;

	String u;

	long repsAccount;

	long othersAccount;

	long othersContact;

	long supportsAccount;

	@BeforeEach
	void customers() {
		rows = new DashboardRows(jdbc, users);
		u = DashboardRows.unique();
		repsAccount = rows.account("Mine " + u, rows.user("rep"));
		othersAccount = rows.account("Theirs " + u, rows.user("rep2"), "+49 40 555 " + digits(),
				"theirs-" + u + "@x.example");
		othersContact = rows.contact(othersAccount, "Olga", "Theirs" + u, "olga-" + u + "@x.example",
				"+44 20 7946 " + digits(), rows.user("rep2"), null);
		// Owned by someone outside the sales team: out of the manager's reach too.
		supportsAccount = rows.account("Support owned " + u, rows.user("agent"));
	}

	private String digits() {
		return String.valueOf(Math.abs(u.hashCode()) % 10000);
	}

	@Test
	void anUnknownIdIsTheNotFoundPage() throws Exception {
		for (String user : new String[] { "admin", "rep" }) {
			mvc.perform(get("/accounts/999999999").with(as(users, user)))
				.andExpect(status().isNotFound())
				.andExpect(view().name("error/404"));
			mvc.perform(get("/contacts/999999999").with(as(users, user)))
				.andExpect(status().isNotFound())
				.andExpect(view().name("error/404"));
		}
	}

	@Test
	void aRepGetsTheSameNotFoundPageOnAnotherRepsCustomerAndEverythingAroundIt() throws Exception {
		String[] paths = { "/accounts/" + othersAccount, "/accounts/" + othersAccount + "/timeline",
				"/accounts/" + othersAccount + "/email", "/accounts/" + othersAccount + "/edit",
				"/sales/accounts/" + othersAccount + "/purchases", "/sales/contacts/" + othersContact + "/purchases",
				"/contacts/" + othersContact, "/contacts/" + othersContact + "/timeline",
				"/contacts/" + othersContact + "/email", "/contacts?account=" + othersAccount,
				"/contacts/new?accountId=" + othersAccount, "/opportunities/new?accountId=" + othersAccount };
		for (String path : paths) {
			mvc.perform(get(path).with(as(users, "rep")))
				.andExpect(status().isNotFound())
				.andExpect(view().name("error/404"));
		}
		// Quick actions that write: nothing written.
		mvc.perform(post("/accounts/" + othersAccount + "/interactions").param("kind", "CALL")
			.param("subject", "Sneaky " + u)
			.with(csrf())
			.with(as(users, "rep"))).andExpect(status().isNotFound());
		mvc.perform(post("/contacts/" + othersContact + "/email").param("to", "olga@x.example")
			.param("subject", "Sneaky " + u)
			.param("body", "Hi")
			.with(csrf())
			.with(as(users, "rep"))).andExpect(status().isNotFound());
		mvc.perform(post("/tasks").param("title", "Sneaky " + u)
			.param("dueAt", "2030-01-01T09:00")
			.param("assigneeId", String.valueOf(rows.user("rep")))
			.param("accountId", String.valueOf(othersAccount))
			.param("returnTo", "/accounts/" + othersAccount)
			.with(csrf())
			.with(as(users, "rep"))).andExpect(status().isNotFound());
		org.assertj.core.api.Assertions
			.assertThat(jdbc.sql("select count(*) from interactions where subject = ?")
				.param("Sneaky " + u)
				.query(Long.class)
				.single())
			.isZero();
		org.assertj.core.api.Assertions.assertThat(
				jdbc.sql("select count(*) from tasks where title = ?").param("Sneaky " + u).query(Long.class).single())
			.isZero();
		// Their own and unowned customers open.
		mvc.perform(get("/accounts/" + repsAccount).with(as(users, "rep"))).andExpect(status().isOk());
		long unowned = rows.account("Nobody’s " + u, null);
		long loose = rows.contact(null, "Lou", "Loose" + u, null, null, null, null);
		mvc.perform(get("/accounts/" + unowned).with(as(users, "rep"))).andExpect(status().isOk());
		mvc.perform(get("/contacts/" + loose).with(as(users, "rep"))).andExpect(status().isOk());
		long othersLoose = rows.contact(null, "Lotte", "Loose" + u, null, null, rows.user("rep2"), null);
		mvc.perform(get("/contacts/" + othersLoose).with(as(users, "rep"))).andExpect(status().isNotFound());
	}

	@Test
	void aManagerSeesTheirTeamsCustomersButNotOthersAndAgentsSeeAll() throws Exception {
		mvc.perform(get("/accounts/" + othersAccount).with(as(users, "manager"))).andExpect(status().isOk());
		mvc.perform(get("/contacts/" + othersContact).with(as(users, "manager"))).andExpect(status().isOk());
		mvc.perform(get("/accounts/" + supportsAccount).with(as(users, "manager"))).andExpect(status().isNotFound());
		// The tier form on a dashboard the manager can't open: not found, nothing set.
		mvc.perform(post("/service/customers/accounts/" + supportsAccount + "/tier").param("tier", "PLATINUM")
			.with(csrf())
			.with(as(users, "manager"))).andExpect(status().isNotFound());
		org.assertj.core.api.Assertions
			.assertThat(jdbc.sql("select count(*) from account_service_tiers where account_id = ?")
				.param(supportsAccount)
				.query(Long.class)
				.single())
			.isZero();
		mvc.perform(get("/accounts/" + supportsAccount).with(as(users, "agent"))).andExpect(status().isOk());
		mvc.perform(get("/accounts/" + othersAccount).with(as(users, "agent"))).andExpect(status().isOk());
	}

	@Test
	void listsAndSearchShowOnlyCustomersTheUserMaySee() throws Exception {
		mvc.perform(get("/accounts").param("q", u).with(as(users, "rep")))
			.andExpect(content().string(containsString("Mine " + u)))
			.andExpect(content().string(not(containsString("Theirs " + u))));
		mvc.perform(get("/accounts").param("q", u).with(as(users, "rep2")))
			.andExpect(content().string(containsString("Theirs " + u)))
			.andExpect(content().string(not(containsString("Mine " + u))));
		mvc.perform(get("/contacts").param("q", "Theirs" + u).with(as(users, "rep")))
			.andExpect(content().string(not(containsString("Olga"))));
		mvc.perform(get("/contacts").param("q", "Theirs" + u).with(as(users, "manager")))
			.andExpect(content().string(containsString("Olga")));
		// (The results page repeats what was searched for: look for the links.)
		mvc.perform(get("/search").param("q", "Theirs " + u).with(as(users, "rep")))
			.andExpect(content().string(not(containsString("href=\"/accounts/" + othersAccount + "\""))))
			.andExpect(content().string(not(containsString("href=\"/contacts/" + othersContact + "\""))));
		mvc.perform(get("/search").param("q", "Theirs " + u).with(as(users, "rep2")))
			.andExpect(content().string(containsString("href=\"/accounts/" + othersAccount + "\"")))
			.andExpect(content().string(containsString("href=\"/contacts/" + othersContact + "\"")));
	}

	@Test
	void theLookUpNeverRevealsACustomerTheUserMayNotSee() throws Exception {
		String phone = "0044 20 7946 " + digits();
		mvc.perform(get("/lookup").param("q", phone).with(as(users, "rep")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"lookup-none\"")))
			.andExpect(content().string(not(containsString("Olga"))));
		mvc.perform(get("/search").param("q", "olga-" + u + "@x.example").with(as(users, "rep")))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("/contacts/" + othersContact))));
		mvc.perform(get("/lookup").param("q", phone).with(as(users, "rep2")))
			.andExpect(redirectedUrl("/contacts/" + othersContact));
	}

}
