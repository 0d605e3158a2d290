package org.opencrm.web.sales;

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
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.opencrm.core.user.UserService;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

@WebIntegrationTest
class SalesPagesTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	static String unique() {
		StringBuilder s = new StringBuilder();
		for (int i = 0; i < 8; i++) {
			s.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
		}
		return s.toString();
	}

	long userId(String username) {
		return users.loadUserByUsername(username).id();
	}

	long leadOf(String username) {
		return jdbc.sql("select min(id) from leads where owner_id = ? and status = 'NEW'")
			.param(userId(username))
			.query(Long.class)
			.single();
	}

	long dealOf(String username) {
		return jdbc.sql("select min(id) from opportunities where owner_id = ? and status = 'OPEN'")
			.param(userId(username))
			.query(Long.class)
			.single();
	}

	@Test
	void everySalesPageRendersForItsUsers() throws Exception {
		long lead = leadOf("rep");
		long deal = dealOf("rep");
		// A customer the rep may open (AccountAccess: their own accounts and unowned
		// ones).
		long account = jdbc.sql("select min(id) from accounts where owner_id = ?")
			.param(userId("rep"))
			.query(Long.class)
			.single();
		long contact = jdbc.sql("select min(id) from contacts where account_id = ?")
			.param(account)
			.query(Long.class)
			.single();
		String[] repPages = { "/leads", "/leads?status=NEW&q=a", "/leads/new", "/leads/" + lead,
				"/leads/" + lead + "/edit", "/leads/import", "/opportunities",
				"/opportunities?status=OPEN&closeFrom=2020-01-01", "/opportunities/new", "/opportunities/" + deal,
				"/opportunities/" + deal + "/edit", "/opportunities/board", "/accounts/" + account,
				"/opportunities/new?accountId=" + account + "&contactId=" + contact };
		for (String page : repPages) {
			mvc.perform(get(page).with(as(users, "rep"))).andExpect(status().isOk());
		}
		mvc.perform(get("/admin/pipelines").with(as(users, "admin")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("New business")));
		mvc.perform(get("/admin/lead-rules").with(as(users, "admin")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("DACH to Rita")));
		mvc.perform(get("/admin/pipelines").with(as(users, "rep"))).andExpect(status().isForbidden());
		mvc.perform(get("/accounts/" + account).with(as(users, "rep")))
			.andExpect(content().string(containsString("id=\"dashboard-sales\"")));
	}

	@Test
	void adminsManageRulesAndStagesWithMessagesForBadInput() throws Exception {
		String name = "Rule " + unique();
		mvc.perform(post("/admin/lead-rules").with(as(users, "admin"))
			.with(csrf())
			.param("name", name)
			.param("matchCountry", "Atlantis")
			.param("target", "user:" + userId("rep2")))
			.andExpect(redirectedUrl("/admin/lead-rules"))
			.andExpect(flash().attribute("flash", "flash.saved"));
		mvc.perform(post("/admin/lead-rules").with(as(users, "admin")).with(csrf()).param("name", "No target"))
			.andExpect(flash().attribute("ruleError", containsString("either")));
		long pipeline = jdbc.sql("select id from pipelines where name = 'Renewals'").query(Long.class).single();
		mvc.perform(post("/admin/pipelines/" + pipeline + "/stages").with(as(users, "admin"))
			.with(csrf())
			.param("name", "Stage " + unique())
			.param("probability", "30")
			.param("kind", "OPEN")).andExpect(flash().attribute("flash", "flash.saved"));
		long used = jdbc.sql("select stage_id from opportunities where pipeline_id = ? limit 1")
			.param(pipeline)
			.query(Long.class)
			.single();
		mvc.perform(post("/admin/pipelines/" + pipeline + "/stages/" + used + "/delete").with(as(users, "admin"))
			.with(csrf())).andExpect(flash().attribute("ruleError", containsString("deactivate")));
		assertThat(jdbc.sql("select count(*) from lead_assignment_rules where name = ?")
			.param(name)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void aRepGetsNotFoundForAnotherRepsLeadAndDealWhileTheManagerSeesThem() throws Exception {
		long lead = leadOf("rep2");
		long deal = dealOf("rep2");
		mvc.perform(get("/leads/" + lead).with(as(users, "rep"))).andExpect(status().isNotFound());
		mvc.perform(get("/opportunities/" + deal).with(as(users, "rep"))).andExpect(status().isNotFound());
		mvc.perform(post("/opportunities/" + deal + "/stage").with(as(users, "rep"))
			.with(csrf())
			.param("version", "0")
			.param("stageId", "1")).andExpect(status().isNotFound());
		mvc.perform(get("/leads/" + lead).with(as(users, "manager"))).andExpect(status().isOk());
		mvc.perform(get("/opportunities/" + deal).with(as(users, "agent"))).andExpect(status().isOk());
		mvc.perform(get("/leads").with(as(users, "rep")))
			.andExpect(content().string(not(containsString("href=\"/leads/" + lead + "\""))));
	}

	@Test
	void supportAgentsReadButDontChangeSalesRecords() throws Exception {
		long lead = leadOf("rep");
		mvc.perform(get("/leads").with(as(users, "agent"))).andExpect(status().isOk());
		mvc.perform(post("/leads/" + lead + "/status").with(as(users, "agent"))
			.with(csrf())
			.param("version", "0")
			.param("status", "WORKING")).andExpect(status().isForbidden());
	}

	@Test
	void theLeadFormShowsBadInputOnTheFormAndWritesNothing() throws Exception {
		String last = "Broken" + unique();
		mvc.perform(post("/leads").with(as(users, "rep"))
			.with(csrf())
			.param("lastName", last)
			.param("companySize", "lots")
			.param("email", "nope")
			.param("source", "manual"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("form", "companySize", "email"))
			.andExpect(content().string(containsString("is-invalid")));
		mvc.perform(post("/leads").with(as(users, "rep")).with(csrf()).param("lastName", " ").param("source", "manual"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("form", "lastName"));
		assertThat(jdbc.sql("select count(*) from leads where last_name = ?").param(last).query(Long.class).single())
			.isZero();
	}

	@Test
	void theLeadFormRefusesWhatTheOneEmailRuleRefusesWithItsMessage() throws Exception {
		String last = "Mail" + unique();
		mvc.perform(post("/leads").with(as(users, "rep"))
			.with(csrf())
			.param("lastName", last)
			.param("email", "jo@exa;mple.com")
			.param("source", "manual"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("form", "email", "ValidEmail"))
			.andExpect(content().string(containsString("Enter a valid e-mail address, like name@example.com.")));
		assertThat(jdbc.sql("select count(*) from leads where last_name = ?").param(last).query(Long.class).single())
			.isZero();
	}

	@Test
	void aLookAlikeIsShownBeforeSavingAndCanBeSavedAnyway() throws Exception {
		String email = "twin." + unique() + "@example.com";
		mvc.perform(post("/leads").with(as(users, "rep"))
			.with(csrf())
			.param("lastName", "Twin")
			.param("email", email)
			.param("source", "manual")).andExpect(redirectedUrlPattern("/leads/*"));
		mvc.perform(post("/leads").with(as(users, "rep"))
			.with(csrf())
			.param("lastName", "Twin")
			.param("email", email)
			.param("source", "manual"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("duplicate-warning")));
		mvc.perform(post("/leads").with(as(users, "rep"))
			.with(csrf())
			.param("lastName", "Twin")
			.param("email", email)
			.param("source", "manual")
			.param("confirmDuplicate", "true")).andExpect(redirectedUrlPattern("/leads/*"));
		assertThat(jdbc.sql("select count(*) from leads where email = ?").param(email).query(Long.class).single())
			.isEqualTo(2);
	}

	@Test
	void aStaleLeadEditShowsTheConflictPageAndKeepsTheNewerEdit() throws Exception {
		String u = unique();
		mvc.perform(post("/leads").with(as(users, "rep"))
			.with(csrf())
			.param("lastName", "Stale" + u)
			.param("source", "manual")
			.param("ownerId", String.valueOf(userId("rep")))).andExpect(status().is3xxRedirection());
		long lead = jdbc.sql("select id from leads where last_name = ?").param("Stale" + u).query(Long.class).single();
		mvc.perform(post("/leads/" + lead).with(as(users, "rep"))
			.with(csrf())
			.param("lastName", "Newer" + u)
			.param("source", "manual")
			.param("version", "0")
			.param("confirmDuplicate", "true")).andExpect(redirectedUrl("/leads/" + lead));

		mvc.perform(post("/leads/" + lead).with(as(users, "rep"))
			.with(csrf())
			.param("lastName", "Older" + u)
			.param("source", "manual")
			.param("version", "0")
			.param("confirmDuplicate", "true")).andExpect(status().isConflict());

		assertThat(jdbc.sql("select last_name || ' v' || version from leads where id = ?")
			.param(lead)
			.query(String.class)
			.single()).isEqualTo("Newer" + u + " v1");
	}

	@Test
	void savingTheLeadFormKeepsEveryFieldTheFormDoesNotShow() throws Exception {
		String u = unique();
		mvc.perform(post("/leads").with(as(users, "rep"))
			.with(csrf())
			.param("lastName", "Kept" + u)
			.param("company", "Kept Co " + u)
			.param("source", "manual")
			.param("ownerId", String.valueOf(userId("rep")))).andExpect(status().is3xxRedirection());
		long lead = jdbc.sql("select id from leads where last_name = ?").param("Kept" + u).query(Long.class).single();
		long campaign = jdbc.sql("select min(id) from campaigns").query(Long.class).single();
		// What the lead got elsewhere (web form, scoring, a status move): no field shows
		// it.
		jdbc.sql("update leads set campaign_id = ?, status = 'WORKING', score = 42 where id = ?")
			.params(campaign, lead)
			.update();
		record Hidden(Long campaign, String status, int score, Long owner) {
		}
		String sql = "select campaign_id, status, score, owner_id from leads where id = ?";
		Hidden before = jdbc.sql(sql)
			.param(lead)
			.query((rs, n) -> new Hidden(rs.getObject(1, Long.class), rs.getString(2), rs.getInt(3),
					rs.getObject(4, Long.class)))
			.single();

		mvc.perform(post("/leads/" + lead).with(as(users, "rep"))
			.with(csrf())
			.param("lastName", "Kept" + u)
			.param("company", "Kept Co " + u)
			.param("phone", "+49 30 1234")
			.param("source", "manual")
			.param("version", "0")
			.param("confirmDuplicate", "true")).andExpect(redirectedUrl("/leads/" + lead));

		assertThat(jdbc.sql(sql)
			.param(lead)
			.query((rs, n) -> new Hidden(rs.getObject(1, Long.class), rs.getString(2), rs.getInt(3),
					rs.getObject(4, Long.class)))
			.single()).isEqualTo(before).extracting(Hidden::campaign).isEqualTo(campaign);
		assertThat(jdbc.sql("select phone from leads where id = ?").param(lead).query(String.class).single())
			.isEqualTo("+49 30 1234");
	}

	@Test
	void convertingFromTheLeadPageOpensTheNewContact() throws Exception {
		String u = unique();
		mvc.perform(post("/leads").with(as(users, "rep"))
			.with(csrf())
			.param("lastName", "Conv" + u)
			.param("company", "Conv Co " + u)
			.param("source", "manual")
			.param("ownerId", String.valueOf(userId("rep")))).andExpect(status().is3xxRedirection());
		long lead = jdbc.sql("select id from leads where last_name = ?").param("Conv" + u).query(Long.class).single();
		mvc.perform(post("/leads/" + lead + "/convert").with(as(users, "rep")).with(csrf()).param("version", "0"))
			.andExpect(redirectedUrl("/leads/" + lead))
			.andExpect(flash().attributeExists("ruleError"));
		mvc.perform(post("/leads/" + lead + "/status").with(as(users, "rep"))
			.with(csrf())
			.param("version", "0")
			.param("status", "QUALIFIED")).andExpect(redirectedUrl("/leads/" + lead));
		mvc.perform(get("/leads/" + lead + "/convert").with(as(users, "rep"))).andExpect(status().isOk());
		mvc.perform(post("/leads/" + lead + "/convert").with(as(users, "rep"))
			.with(csrf())
			.param("version", "1")
			.param("createOpportunity", "true")
			.param("amount", "5000")).andExpect(redirectedUrlPattern("/contacts/*"));
		assertThat(jdbc.sql("select count(*) from opportunities where lead_id = ? and amount = 5000")
			.param(lead)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void theBoardMovesACardAndRefusesAStaleMove() throws Exception {
		long deal = dealOf("rep");
		record State(long stage, long version, long pipeline) {
		}
		State before = jdbc.sql("select stage_id, version, pipeline_id from opportunities where id = ?")
			.param(deal)
			.query((rs, n) -> new State(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
			.single();
		long target = jdbc
			.sql("select min(id) from pipeline_stages where pipeline_id = ? and kind = 'OPEN' and id <> ?")
			.params(before.pipeline(), before.stage())
			.query(Long.class)
			.single();
		String back = "/opportunities/board?pipeline=" + before.pipeline();

		mvc.perform(post("/opportunities/" + deal + "/stage").with(as(users, "rep"))
			.with(csrf())
			.param("version", String.valueOf(before.version()))
			.param("stageId", String.valueOf(target))
			.param("back", back)).andExpect(redirectedUrl(back));
		mvc.perform(post("/opportunities/" + deal + "/stage").with(as(users, "rep"))
			.with(csrf())
			.param("version", String.valueOf(before.version()))
			.param("stageId", String.valueOf(before.stage()))
			.param("back", back))
			.andExpect(redirectedUrl(back))
			.andExpect(flash().attribute("ruleError", containsString("not moved")));

		assertThat(jdbc.sql("select stage_id from opportunities where id = ?").param(deal).query(Long.class).single())
			.isEqualTo(target);
		assertThat(
				jdbc.sql("select count(*) from opportunity_stage_history where opportunity_id = ? and to_stage_id = ?")
					.params(deal, target)
					.query(Long.class)
					.single())
			.isPositive();
		mvc.perform(get(back).with(as(users, "rep")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("card-" + deal)));
	}

	@Test
	void theBoardsOneMoveFormMovesThePickedCardAndRefusesAStaleOrMissingPick() throws Exception {
		long deal = dealOf("rep");
		record State(long stage, long version, long pipeline) {
		}
		State before = jdbc.sql("select stage_id, version, pipeline_id from opportunities where id = ?")
			.param(deal)
			.query((rs, n) -> new State(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
			.single();
		long target = jdbc
			.sql("select min(id) from pipeline_stages where pipeline_id = ? and kind = 'OPEN' and id <> ?")
			.params(before.pipeline(), before.stage())
			.query(Long.class)
			.single();
		String back = "/opportunities/board?pipeline=" + before.pipeline();
		String drawn = deal + ":" + before.version();

		// The board draws one move form, not one per card: each card carries its radio.
		mvc.perform(get(back).with(as(users, "rep")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"board-move\"")))
			.andExpect(content().string(containsString("type=\"radio\" name=\"card\"")))
			.andExpect(content().string(not(containsString("move-form"))));

		mvc.perform(post("/opportunities/board/move").with(as(users, "rep"))
			.with(csrf())
			.param("card", drawn)
			.param("stageId", String.valueOf(target))
			.param("back", back))
			.andExpect(redirectedUrl(back))
			.andExpect(flash().attribute("flash", "flash.opportunity.moved"));
		mvc.perform(post("/opportunities/board/move").with(as(users, "rep"))
			.with(csrf())
			.param("card", drawn)
			.param("stageId", String.valueOf(before.stage()))
			.param("back", back))
			.andExpect(redirectedUrl(back))
			.andExpect(flash().attribute("ruleError", containsString("not moved")));
		mvc.perform(post("/opportunities/board/move").with(as(users, "rep"))
			.with(csrf())
			.param("stageId", String.valueOf(before.stage()))
			.param("back", back))
			.andExpect(redirectedUrl(back))
			.andExpect(flash().attribute("ruleError", containsString("Pick a deal")));

		assertThat(jdbc.sql("select stage_id from opportunities where id = ?").param(deal).query(Long.class).single())
			.isEqualTo(target);
	}

	@Test
	void theDealFormRefusesANegativeAmountOnTheForm() throws Exception {
		String account = jdbc.sql("""
				select name from accounts a where (select count(*) from accounts b where b.sort_name = a.sort_name) = 1
				  and a.owner_id = (select id from users where username = 'rep') order by id limit 1
				""").query(String.class).single();
		String name = "Neg " + unique();
		mvc.perform(post("/opportunities").with(as(users, "rep"))
			.with(csrf())
			.param("name", name)
			.param("accountIdText", account)
			.param("pipelineId", "1")
			.param("amount", "-10")
			.param("currency", "EURO")
			.param("closeDate", "2030-01-01")
			.param("ownerId", String.valueOf(userId("rep"))))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("form", "amount", "currency"))
			// The bundle's sentences, not Bean Validation's built-in English.
			.andExpect(content().string(containsString("The amount can’t be negative.")))
			.andExpect(content().string(containsString("Use a three-letter currency code, like EUR.")))
			.andExpect(content().string(not(containsString("must be greater than or equal to"))));
		mvc.perform(post("/opportunities").with(as(users, "rep"))
			.with(csrf())
			.param("name", name)
			.param("accountIdText", account)
			.param("pipelineId", "1")
			.param("amount", "10")
			.param("currency", "EUR")
			.param("closeDate", "2001-01-01")
			.param("ownerId", String.valueOf(userId("rep"))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("more than a year in the past")));
		assertThat(jdbc.sql("select count(*) from opportunities where name = ?").param(name).query(Long.class).single())
			.isZero();
	}

	@Test
	void aDealOpenedFromAContactIsAboutThemAndSavingItsEditFormKeepsThem() throws Exception {
		record Customer(long contact, long account, String accountName) {
		}
		Customer customer = jdbc.sql("""
				select c.id, a.id, a.name from contacts c join accounts a on a.id = c.account_id
				where (select count(*) from accounts b where b.sort_name = a.sort_name) = 1
				  and a.owner_id = (select id from users where username = 'rep') order by c.id limit 1
				""").query((rs, n) -> new Customer(rs.getLong(1), rs.getLong(2), rs.getString(3))).single();
		String name = "From contact " + unique();
		String closeDate = java.time.LocalDate.now().plusDays(30).toString();
		mvc.perform(get("/opportunities/new").with(as(users, "rep"))
			.param("accountId", String.valueOf(customer.account()))
			.param("contactId", String.valueOf(customer.contact())))
			.andExpect(content().string(containsString("value=\"" + customer.contact() + "\"")));

		String page = mvc
			.perform(post("/opportunities").with(as(users, "rep"))
				.with(csrf())
				.param("name", name)
				.param("accountIdText", customer.accountName())
				.param("primaryContactId", String.valueOf(customer.contact()))
				.param("pipelineId", "1")
				.param("amount", "100")
				.param("currency", "EUR")
				.param("closeDate", closeDate)
				.param("ownerId", String.valueOf(userId("rep"))))
			.andExpect(redirectedUrlPattern("/opportunities/*"))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		mvc.perform(post(page).with(as(users, "rep"))
			.with(csrf())
			.param("name", name)
			.param("accountIdText", customer.accountName())
			.param("pipelineId", "1")
			.param("amount", "250")
			.param("currency", "EUR")
			.param("closeDate", closeDate)
			.param("ownerId", String.valueOf(userId("rep")))
			.param("version", "0")).andExpect(redirectedUrl(page));

		record Saved(Long contact, java.math.BigDecimal amount, long version) {
		}
		assertThat(jdbc.sql("select primary_contact_id, amount, version from opportunities where name = ?")
			.param(name)
			.query((rs, n) -> new Saved(rs.getObject(1, Long.class), rs.getBigDecimal(2), rs.getLong(3)))
			.single()).satisfies(saved -> {
				assertThat(saved.contact()).isEqualTo(customer.contact());
				assertThat(saved.amount()).isEqualByComparingTo("250");
				assertThat(saved.version()).isEqualTo(1);
			});
	}

	@Test
	void theDealFormAndTheConvertFormOfferAndAcceptOnlyCustomersTheRepCanSee() throws Exception {
		String u = unique();
		record Named(long id, String name) {
		}
		Named theirs = jdbc
			.sql("""
					select id, name from accounts a where (select count(*) from accounts b where b.sort_name = a.sort_name) = 1
					  and a.owner_id = ? order by id limit 1
					""")
			.param(userId("rep2"))
			.query(Named.class)
			.single();
		mvc.perform(post("/opportunities").with(as(users, "rep"))
			.with(csrf())
			.param("name", "Sneaky " + u)
			.param("accountIdText", theirs.name())
			.param("pipelineId", "1")
			.param("amount", "10")
			.param("currency", "EUR")
			.param("closeDate", "2030-01-01")
			.param("ownerId", String.valueOf(userId("rep"))))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("form", "accountId", "picker.unknown.account"));
		assertThat(jdbc.sql("select count(*) from opportunities where name = ?")
			.param("Sneaky " + u)
			.query(Long.class)
			.single()).isZero();
		// A qualified lead from that very company: the picker doesn't offer rep2's
		// account, and choosing it anyway fails.
		long lead = jdbc.sql("""
				insert into leads (last_name, company, source, status, owner_id) values (?, ?, 'manual', 'QUALIFIED', ?)
				returning id
				""").params("Conv" + u, theirs.name(), userId("rep")).query(Long.class).single();
		mvc.perform(get("/leads/" + lead + "/convert").with(as(users, "rep")))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("account-" + theirs.id() + "\""))));
		mvc.perform(get("/leads/" + lead + "/convert").with(as(users, "rep2"))).andExpect(status().isNotFound());
		mvc.perform(post("/leads/" + lead + "/convert").with(as(users, "rep"))
			.with(csrf())
			.param("version", "0")
			.param("account", String.valueOf(theirs.id())))
			.andExpect(redirectedUrl("/leads/" + lead))
			.andExpect(flash().attributeExists("ruleError"));
		assertThat(jdbc.sql("select status from leads where id = ?").param(lead).query(String.class).single())
			.isEqualTo("QUALIFIED");
	}

}
