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

	/** Letters only, so full-text and trigram matching treat it as one word. */
	private static String letters() {
		StringBuilder s = new StringBuilder();
		long n = System.nanoTime();
		for (int i = 0; i < 8; i++) {
			s.append((char) ('a' + n % 26));
			n /= 26;
		}
		return s.toString();
	}

	private long contact(String first, String last, Long accountId, String owner) {
		return jdbc.sql("""
				insert into contacts (first_name, last_name, account_id, owner_id, lifecycle_stage)
				values (?, ?, ?, ?, 'CUSTOMER') returning id
				""")
			.params(first, last, accountId, accountId == null && owner != null ? user(owner) : null)
			.query(Long.class)
			.single();
	}

	@Test
	void aDealIsFoundThroughItsAccountsNameByWhoMaySeeTheDeal() throws Exception {
		String word = "Brixtonwald" + letters();
		long account = account(word + " Logistik GmbH", "rep2");
		long mine = deal("Renewal 2031", account, "rep");
		long theirs = deal("Upgrade 2031", account, "rep2");

		mvc.perform(get("/search").param("q", word).with(as(users, "rep")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("href=\"/opportunities/" + mine + "\"")))
			.andExpect(content().string(not(containsString("href=\"/opportunities/" + theirs + "\""))));
		mvc.perform(get("/search").param("q", word.toLowerCase()).with(as(users, "manager")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("href=\"/opportunities/" + mine + "\"")))
			.andExpect(content().string(containsString("href=\"/opportunities/" + theirs + "\"")));
		// An agent sees every deal: no visibility condition in the statement at all.
		mvc.perform(get("/search").param("q", word).with(as(users, "agent")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("href=\"/opportunities/" + mine + "\"")))
			.andExpect(content().string(containsString("href=\"/opportunities/" + theirs + "\"")));
	}

	@Test
	void theSearchShowsTheFirstDealsByCloseDateOfAnAccountWithMany() throws Exception {
		String word = "Closewick" + letters();
		long account = account(word + " AG", "rep");
		jdbc.sql(
				"""
						insert into opportunities (name, account_id, pipeline_id, stage_id, amount, currency, close_date, owner_id,
						  forecast_category, status)
						select 'Bulk deal ' || g, ?, s.pipeline_id, s.id, 1000, 'EUR', current_date + 100 + g, ?, 'PIPELINE', 'OPEN'
						from generate_series(1, 30) g
						cross join (select id, pipeline_id from pipeline_stages where kind = 'OPEN' order by pipeline_id, position
						            limit 1) s
						""")
			.params(account, user("rep"))
			.update();
		long earliest = jdbc.sql("""
				update opportunities set close_date = current_date + 5
				where id = (select max(id) from opportunities where account_id = ?) returning id
				""").param(account).query(Long.class).single();

		String page = mvc.perform(get("/search").param("q", word).with(as(users, "rep")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();

		// Ten of the thirty by close date: the one moved to close first (the last
		// inserted), then the next nine.
		assertThat(page.split("Bulk deal ", -1)).hasSize(11);
		assertThat(page.indexOf("href=\"/opportunities/" + earliest + "\"")).isPositive()
			.isLessThan(page.indexOf("Bulk deal 1<"));
		assertThat(page).contains("Bulk deal 9<").doesNotContain("Bulk deal 10<");
	}

	@Test
	void colleaguesManyMatchesNeverCrowdOutTheRepsOwnDeals() throws Exception {
		String word = "Crowdhollow" + letters();
		// More matching accounts and deal names than the search reads either way, all a
		// colleague's, inserted before the rep's own.
		jdbc.sql(
				"""
						with acc as (
						  insert into accounts (name, lifecycle_stage, owner_id)
						  select ? || ' Branch ' || g, 'CUSTOMER', ? from generate_series(1, 250) g returning id
						)
						insert into opportunities (name, account_id, pipeline_id, stage_id, amount, currency, close_date, owner_id,
						  forecast_category, status)
						select ? || ' deal', acc.id, s.pipeline_id, s.id, 1000, 'EUR', current_date + 1, ?, 'PIPELINE', 'OPEN'
						from acc cross join (select id, pipeline_id from pipeline_stages where kind = 'OPEN'
						                     order by pipeline_id, position limit 1) s
						""")
			.params(word, user("rep2"), word, user("rep2"))
			.update();
		long byAccount = deal("Renewal 2032", account(word + " Zentrale", "rep"), "rep");
		long byName = deal(word + " rollout", account("Plain Account " + System.nanoTime(), "rep"), "rep");

		mvc.perform(get("/search").param("q", word).with(as(users, "rep")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("href=\"/opportunities/" + byAccount + "\"")))
			.andExpect(content().string(containsString("href=\"/opportunities/" + byName + "\"")));
	}

	@Test
	void aMisspeltNameFindsTheRepsContactAndAccountButNotAColleagues() throws Exception {
		String word = "quarmbyfield" + letters();
		String misspelt = word.replace("quarmbyfield", "quarmbifeld");
		long account = account(capitalised(word) + " Logistics", "rep");
		long mine = contact("Greta", capitalised(word), account, "rep");
		long unowned = contact("Hugo", capitalised(word), null, null);
		long theirsAccount = account(capitalised(word) + " Services", "rep2");
		long theirs = contact("Olaf", capitalised(word), theirsAccount, "rep2");

		mvc.perform(get("/search").param("q", misspelt).with(as(users, "rep")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("href=\"/accounts/" + account + "\"")))
			.andExpect(content().string(containsString("href=\"/contacts/" + mine + "\"")))
			.andExpect(content().string(containsString("href=\"/contacts/" + unowned + "\"")))
			.andExpect(content().string(not(containsString("href=\"/accounts/" + theirsAccount + "\""))))
			.andExpect(content().string(not(containsString("href=\"/contacts/" + theirs + "\""))));
		mvc.perform(get("/search").param("q", misspelt).with(as(users, "rep2")))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("href=\"/accounts/" + account + "\""))))
			.andExpect(content().string(containsString("href=\"/accounts/" + theirsAccount + "\"")))
			.andExpect(content().string(not(containsString("href=\"/contacts/" + mine + "\""))))
			.andExpect(content().string(containsString("href=\"/contacts/" + theirs + "\"")));
	}

	private static String capitalised(String word) {
		return Character.toUpperCase(word.charAt(0)) + word.substring(1);
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
		// then 12 with the navbar's notification bell; 11 since a misspelling's
		// thresholds are one statement without the plan cache setting).
		assertThat(rep).isLessThanOrEqualTo(11);
		// The agent also gets tickets: one statement more, no capped count beside it.
		assertThat(agent).isEqualTo(rep + 1);
	}

}
