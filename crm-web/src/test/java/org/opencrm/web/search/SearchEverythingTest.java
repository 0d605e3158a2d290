package org.opencrm.web.search;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.assertj.core.api.Assertions.assertThat;
import static org.opencrm.web.Logins.as;
import static org.opencrm.web.PageStatements.statementsFor;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.opencrm.core.user.UserService;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The search box finds leads and deals beside accounts and contacts, each hit labelled by
 * its kind and only what the user may see; the deal list filters by text; a phone number
 * no one has offers a new contact with it.
 */
@WebIntegrationTest
class SearchEverythingTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	private long user(String username) {
		return users.loadUserByUsername(username).id();
	}

	private long lead(String lastName, String owner) {
		return jdbc.sql("""
				insert into leads (first_name, last_name, email, company, source, status, owner_id)
				values ('Quentin', ?, lower(?) || '@example.com', 'Zyxwv Labs', 'Web', 'NEW', ?) returning id
				""").params(lastName, lastName, user(owner)).query(Long.class).single();
	}

	private long account(String name, String owner) {
		return jdbc.sql("insert into accounts (name, lifecycle_stage, owner_id) values (?, 'CUSTOMER', ?) returning id")
			.params(name, user(owner))
			.query(Long.class)
			.single();
	}

	private long deal(String name, long accountId, String owner) {
		return jdbc
			.sql("""
					insert into opportunities (name, account_id, pipeline_id, stage_id, amount, currency, close_date, owner_id,
					  forecast_category, status)
					select ?, ?, s.pipeline_id, s.id, 1000, 'EUR', current_date + 30, ?, 'PIPELINE', 'OPEN'
					from pipeline_stages s where s.kind = 'OPEN' order by s.pipeline_id, s.position limit 1 returning id
					""")
			.params(name, accountId, user(owner))
			.query(Long.class)
			.single();
	}

	@Test
	void aRepFindsTheirOwnLeadsAndDealsLabelledByKindButNotAColleagues() throws Exception {
		long mine = lead("Quaxworth", "rep");
		long theirs = lead("Quaxwell", "rep2");
		long deal = deal("Quaxworth platform rollout", account("Plain Account " + System.nanoTime(), "rep"), "rep");

		mvc.perform(get("/search").param("q", "quaxw").with(as(users, "rep")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"search-leads\"")))
			.andExpect(content().string(containsString("href=\"/leads/" + mine + "\"")))
			.andExpect(content().string(not(containsString("href=\"/leads/" + theirs + "\""))))
			.andExpect(content().string(containsString("href=\"/opportunities/" + deal + "\"")))
			.andExpect(content().string(containsString(">Lead</span>")))
			.andExpect(content().string(containsString(">Deal</span>")));
		mvc.perform(get("/search").param("q", "quaxw").with(as(users, "manager")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("href=\"/leads/" + theirs + "\"")));
	}

	@Test
	void theDealListFiltersByDealOrAccountName() throws Exception {
		String account = "Glimmerfen Holdings " + System.nanoTime();
		deal("Zorblax renewal 2031", account(account, "rep"), "rep");

		mvc.perform(get("/opportunities").param("q", "zorblax").with(as(users, "rep")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Zorblax renewal 2031")));
		mvc.perform(get("/opportunities").param("q", "zorblax-nothing").with(as(users, "rep")))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("Zorblax renewal 2031"))));
		mvc.perform(get("/opportunities").param("q", "glimmerfen").with(as(users, "manager")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Zorblax renewal 2031")));
	}

	@Test
	void aPhoneNumberNoOneHasOffersANewContactWithIt() throws Exception {
		mvc.perform(get("/search").param("q", "+49 30 9999 1234 567").with(as(users, "agent")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"search-new-contact\"")))
			.andExpect(content().string(containsString("/contacts/new?phone=%2B49%2030%209999%201234%20567\"")));
		mvc.perform(get("/search").param("q", "nobody-" + System.nanoTime() + "@example.org").with(as(users, "rep")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("/contacts/new?email=nobody-")))
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString("&amp;phone"))));
	}

	@Test
	void leadsDealsAndTicketsCostOneStatementEachAndNoCount() throws Exception {
		int rep = statementsFor(mvc, users, "/search?q=quaxworth", "rep");
		int agent = statementsFor(mvc, users, "/search?q=quaxworth", "agent");

		// Leads and deals are one statement each, with no capped count (13 before; 11,
		// then
		// 12 with the navbar's notification bell).
		assertThat(rep).isLessThanOrEqualTo(12);
		// The agent also gets tickets: one statement more, no capped count beside it.
		assertThat(agent).isEqualTo(rep + 1);
	}

}
