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
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.UserService;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Issue 16: a rep's saves land where they can look and say who got the record, owner
 * lists offer only whom the user may assign, people are matched across all contacts,
 * deals and leads show their field history in words, and the deal form offers the chosen
 * pipeline's stages.
 */
@WebIntegrationTest
class SalesDayWithoutSurprisesTest {

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

	CrmUser user(String username) {
		return users.loadUserByUsername(username);
	}

	Document page(String path, String username) throws Exception {
		return Jsoup
			.parse(mvc.perform(get(path).with(as(users, username))).andReturn().getResponse().getContentAsString());
	}

	List<Long> ownerOptions(String path, String username) throws Exception {
		return page(path, username).select("select[name=ownerId] option")
			.stream()
			.map(o -> o.val())
			.filter(v -> !v.isEmpty())
			.map(Long::valueOf)
			.toList();
	}

	// Item 2

	@Test
	void aLeadTheRulesGiveToAColleagueLandsOnTheListSayingWhoGotIt() throws Exception {
		String country = "Zembla " + unique();
		CrmUser colleague = user("rep2");
		jdbc.sql("""
				insert into lead_assignment_rules (name, position, match_country, assign_user_id)
				values ('Zembla to rep2', -1000, ?, ?)
				""").params(country, colleague.id()).update();

		Cookie session = mvc
			.perform(post("/leads").with(as(users, "rep"))
				.with(csrf())
				.param("lastName", "Kinbote " + unique())
				.param("source", "manual")
				.param("country", country)
				.param("ownerId", ""))
			.andExpect(redirectedUrl("/leads"))
			.andExpect(flash().attribute("flashWarning", "flash.assignedAway"))
			.andExpect(flash().attribute("flashDetail", colleague.fullName()))
			.andReturn()
			.getResponse()
			.getCookie("SESSION");
		// The list, as the browser follows the redirect in its session (kept in
		// PostgreSQL): it says who got the lead.
		assertThat(session).isNotNull();
		mvc.perform(get("/leads").with(as(users, "rep")).cookie(session))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Saved and assigned to " + colleague.fullName() + ".")));
	}

	@Test
	void aManagerGivingANewDealToATeammateIsToldWhoGotIt() throws Exception {
		CrmUser manager = user("manager");
		Long teammate = jdbc.sql("""
				select min(id) from users where team_id = ? and id <> ? and role = 'SALES_REP' and enabled
				""").params(manager.teamId(), manager.id()).query(Long.class).single();
		String account = visibleAccountName("manager");
		mvc.perform(dealForm(post("/opportunities").with(as(users, "manager")), "Teammate " + unique(), account)
			.param("ownerId", String.valueOf(teammate)))
			.andExpect(redirectedUrlPattern("/opportunities/*"))
			.andExpect(flash().attribute("flash", "flash.assignedTo"))
			.andExpect(flash().attribute("flashArg", users.getUser(teammate).fullName()));
	}

	@Test
	void ownerListsOfferOnlyWhomTheUserMayAssign() throws Exception {
		CrmUser rep = user("rep");
		for (String form : List.of("/leads/new", "/opportunities/new", "/accounts/new", "/contacts/new")) {
			assertThat(ownerOptions(form, "rep")).as(form).containsExactly(rep.id());
		}
		CrmUser manager = user("manager");
		List<Long> team = jdbc.sql("""
				select id from users where team_id = ? and enabled and role in ('SALES_REP', 'MANAGER')
				""").param(manager.teamId()).query(Long.class).list();
		assertThat(ownerOptions("/leads/new", "manager")).containsExactlyInAnyOrderElementsOf(team);
		List<Long> salesStaff = jdbc.sql("select id from users where enabled and role in ('SALES_REP', 'MANAGER')")
			.query(Long.class)
			.list();
		assertThat(ownerOptions("/accounts/new", "admin")).containsExactlyInAnyOrderElementsOf(salesStaff)
			.doesNotContain(user("admin").id(), user("agent").id(), user("marketer").id());
	}

	@Test
	void theServerRefusesAnOwnerTheUserMayNotAssignWithAFieldMessage() throws Exception {
		String name = "Not for agents " + unique();
		String html = mvc
			.perform(post("/accounts").with(as(users, "admin"))
				.with(csrf())
				.param("name", name)
				.param("lifecycleStage", "LEAD")
				.param("ownerId", String.valueOf(user("agent").id())))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(Jsoup.parse(html).select("select[name=ownerId].is-invalid")).hasSize(1);
		assertThat(html).contains("choose an owner from the list");
		assertThat(jdbc.sql("select count(*) from accounts where name = ?").param(name).query(Long.class).single())
			.isZero();

		String lead = "Kinbote " + unique();
		String page = mvc
			.perform(post("/leads").with(as(users, "rep"))
				.with(csrf())
				.param("lastName", lead)
				.param("source", "manual")
				.param("ownerId", String.valueOf(user("rep2").id())))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(Jsoup.parse(page).select("select[name=ownerId].is-invalid")).hasSize(1);
		assertThat(jdbc.sql("select count(*) from leads where last_name = ?").param(lead).query(Long.class).single())
			.isZero();
	}

	// Item 3

	MockHttpServletRequestBuilder contact(String firstName, String lastName, String email) {
		return post("/contacts").with(as(users, "rep"))
			.with(csrf())
			.param("firstName", firstName)
			.param("lastName", lastName)
			.param("email", email)
			.param("lifecycleStage", "LEAD")
			.param("ownerId", String.valueOf(user("rep").id()));
	}

	@Test
	void theSameNameWithoutAnAccountIsCaughtAsADuplicate() throws Exception {
		String last = "Vandersloot" + unique();
		mvc.perform(contact("Pieter", last, "")).andExpect(redirectedUrlPattern("/contacts/*"));
		mvc.perform(contact("Pieter", last, ""))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"duplicate-warning\"")));
	}

	@Test
	void aNameTypoWithAOneLetterEmailTypoIsCaughtAndSaveAnywayIsRemembered() throws Exception {
		String u = unique();
		String first = mvc
			.perform(contact("Marguerite", "Oosterhuis" + u, "marguerite.oosterhuis" + u + "@example.com"))
			.andExpect(redirectedUrlPattern("/contacts/*"))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		mvc.perform(contact("Margueritte", "Oosterhuis" + u, "margueritte.oosterhuis" + u + "@example.com"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"duplicate-warning\"")))
			.andExpect(content().string(containsString(first)));

		// "Save anyway": the two are different people ...
		String second = mvc
			.perform(contact("Margueritte", "Oosterhuis" + u, "margueritte.oosterhuis" + u + "@example.com")
				.param("confirmDuplicate", "true"))
			.andExpect(redirectedUrlPattern("/contacts/*"))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		// ... so editing either doesn't warn about the other again.
		for (String saved : List.of(first, second)) {
			long id = Long.parseLong(saved.substring(saved.lastIndexOf('/') + 1));
			Document edit = page(saved + "/edit", "rep");
			MockHttpServletRequestBuilder again = post(saved).with(as(users, "rep")).with(csrf());
			for (String f : List.of("firstName", "lastName", "email", "version", "lifecycleStage")) {
				again.param(f,
						edit.selectFirst("[name=" + f + "]").is("select")
								? edit.selectFirst("[name=" + f + "] option[selected]").val()
								: edit.selectFirst("[name=" + f + "]").val());
			}
			again.param("ownerId", String.valueOf(user("rep").id())).param("title", "Buyer");
			mvc.perform(again).andExpect(redirectedUrl(saved));
			assertThat(jdbc.sql("select title from contacts where id = ?").param(id).query(String.class).single())
				.isEqualTo("Buyer");
		}
	}

	// Item 5

	@Test
	void aDealsPageShowsItsFieldHistoryInWords() throws Exception {
		String name = "History " + unique();
		String account = visibleAccountName("admin");
		CrmUser rep = user("rep");
		CrmUser rep2 = user("rep2");
		record Stages(long first, String firstName, long second, String secondName) {
		}
		Stages stages = jdbc.sql("""
				select a.id, a.name, b.id, b.name from pipeline_stages a join pipeline_stages b
				  on b.pipeline_id = a.pipeline_id and b.position > a.position
				where a.pipeline_id = ? and a.kind = 'OPEN' and b.kind = 'OPEN' and a.active and b.active
				order by a.position, b.position limit 1
				""")
			.param(jdbc.sql("select min(id) from pipelines").query(Long.class).single())
			.query((rs, n) -> new Stages(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4)))
			.single();
		String deal = mvc
			.perform(dealForm(post("/opportunities").with(as(users, "admin")), name, account).param("amount", "12000")
				.param("stageId", String.valueOf(stages.first()))
				.param("ownerId", String.valueOf(rep.id())))
			.andExpect(redirectedUrlPattern("/opportunities/*"))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		mvc.perform(dealForm(post(deal).with(as(users, "admin")), name, account).param("amount", "15000")
			.param("ownerId", String.valueOf(rep2.id()))
			.param("stageId", String.valueOf(stages.second()))
			.param("version", "0")).andExpect(redirectedUrl(deal));

		String page = mvc.perform(get(deal).with(as(users, "admin"))).andReturn().getResponse().getContentAsString();
		List<String> history = Jsoup.parse(page).select("#history .history-change").eachText();
		assertThat(history).contains("Amount: €12,000.00 → €15,000.00",
				"Owner: " + rep.fullName() + " → " + rep2.fullName(),
				"Stage: " + stages.firstName() + " → " + stages.secondName());
	}

	@Test
	void aLeadsPageShowsItsFieldHistoryInWords() throws Exception {
		String last = "Shade " + unique();
		CrmUser manager = user("manager");
		CrmUser rep = user("rep");
		String lead = mvc
			.perform(post("/leads").with(as(users, "admin"))
				.with(csrf())
				.param("lastName", last)
				.param("source", "manual")
				.param("title", "Buyer")
				.param("ownerId", String.valueOf(rep.id())))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		assertThat(lead).matches("/leads/\\d+");
		mvc.perform(post(lead).with(as(users, "admin"))
			.with(csrf())
			.param("lastName", last)
			.param("source", "manual")
			.param("title", "Head of purchasing")
			.param("ownerId", String.valueOf(manager.id()))
			.param("version", "0")).andExpect(redirectedUrl(lead));
		List<String> history = page(lead, "admin").select("#history .history-change").eachText();
		assertThat(history).contains("Job title: Buyer → Head of purchasing",
				"Owner: " + rep.fullName() + " → " + manager.fullName());
	}

	@Test
	void anAccountsHistoryNamesItsFieldsAndOwnersNotKeysAndIds() throws Exception {
		CrmUser rep = user("rep");
		CrmUser rep2 = user("rep2");
		String name = "Pale Fire Ltd " + unique();
		String account = mvc
			.perform(post("/accounts").with(as(users, "admin"))
				.with(csrf())
				.param("name", name)
				.param("lifecycleStage", "LEAD")
				.param("ownerId", String.valueOf(rep.id())))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		mvc.perform(post(account).with(as(users, "admin"))
			.with(csrf())
			.param("name", name)
			.param("lifecycleStage", "CUSTOMER")
			.param("ownerId", String.valueOf(rep2.id()))
			.param("confirmDuplicate", "true")
			.param("version", "0")).andExpect(redirectedUrl(account));
		List<String> history = page(account, "admin").select("#history .history-change").eachText();
		assertThat(history).contains("Lifecycle stage: Lead → Customer",
				"Owner: " + rep.fullName() + " → " + rep2.fullName());
		assertThat(String.join("\n", history)).doesNotContain("ownerId", "lifecycleStage",
				String.valueOf(rep2.id()) + "\n");
	}

	// Item 6

	@Test
	void theStageSelectOffersTheChosenPipelinesStagesAndTheLostReasonOnlyForALostStage() throws Exception {
		List<Long> pipelines = jdbc.sql("select id from pipelines order by id").query(Long.class).list();
		assertThat(pipelines).hasSizeGreaterThan(1);
		for (long pipeline : pipelines) {
			List<Long> stages = jdbc.sql("select id from pipeline_stages where pipeline_id = ? and active")
				.param(pipeline)
				.query(Long.class)
				.list();
			Document fragment = Jsoup.parse(mvc
				.perform(get("/opportunities/stage-fields").with(as(users, "rep"))
					.param("pipelineId", String.valueOf(pipeline)))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString());
			assertThat(fragment.select("select[name=stageId] option")
				.stream()
				.map(o -> o.val())
				.filter(v -> !v.isEmpty())
				.map(Long::valueOf)
				.toList()).containsExactlyInAnyOrderElementsOf(stages);
			assertThat(fragment.select("[name=lostReason]")).isEmpty();
		}
		long lost = jdbc.sql("select min(id) from pipeline_stages where pipeline_id = ? and kind = 'LOST'")
			.param(pipelines.get(0))
			.query(Long.class)
			.single();
		mvc.perform(get("/opportunities/stage-fields").with(as(users, "rep"))
			.param("pipelineId", String.valueOf(pipelines.get(0)))
			.param("stageId", String.valueOf(lost))).andExpect(content().string(containsString("name=\"lostReason\"")));
		mvc.perform(get("/opportunities/new").with(as(users, "rep")))
			.andExpect(content().string(not(containsString("name=\"lostReason\""))));
	}

	@Test
	void aStageOfAnotherPipelineAndALostStageWithoutReasonAreRefusedOnTheirFields() throws Exception {
		List<Long> pipelines = jdbc.sql("select id from pipelines order by id").query(Long.class).list();
		long otherStage = jdbc.sql("select min(id) from pipeline_stages where pipeline_id = ?")
			.param(pipelines.get(1))
			.query(Long.class)
			.single();
		String account = visibleAccountName("rep");
		String name = "Wrong stage " + unique();
		Document page = Jsoup.parse(mvc
			.perform(dealForm(post("/opportunities").with(as(users, "rep")), name, account)
				.param("ownerId", String.valueOf(user("rep").id()))
				.param("stageId", String.valueOf(otherStage)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString());
		assertThat(page.select("select[name=stageId].is-invalid")).hasSize(1);
		assertThat(page.select("#stage-fields .invalid-feedback").text())
			.isEqualTo("That stage belongs to another pipeline.");

		long lost = jdbc.sql("select min(id) from pipeline_stages where pipeline_id = ? and kind = 'LOST'")
			.param(pipelines.get(0))
			.query(Long.class)
			.single();
		Document noReason = Jsoup.parse(mvc
			.perform(dealForm(post("/opportunities").with(as(users, "rep")), name, account)
				.param("ownerId", String.valueOf(user("rep").id()))
				.param("stageId", String.valueOf(lost)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString());
		assertThat(noReason.select("input[name=lostReason].is-invalid")).hasSize(1);
		assertThat(jdbc.sql("select count(*) from opportunities where name = ?").param(name).query(Long.class).single())
			.isZero();
	}

	@Test
	void theDealFormSpeaksTheBundlesLanguage() throws Exception {
		String html = mvc.perform(
				dealForm(post("/opportunities").with(as(users, "rep")), "Bad " + unique(), visibleAccountName("rep"))
					.param("ownerId", String.valueOf(user("rep").id()))
					.param("amount", "-5")
					.param("lines[0].productId",
							String.valueOf(
									jdbc.sql("select min(id) from products where active").query(Long.class).single()))
					.param("lines[0].quantity", "0")
					.param("lines[0].discountPercent", "150"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		List<String> messages = Jsoup.parse(html).select(".invalid-feedback").eachText();
		assertThat(messages).contains("The amount can’t be negative.").isNotEmpty();
		// Not Bean Validation's defaults ("must be greater than or equal to 0").
		assertThat(String.join(" ", messages)).doesNotContain("greater than", "less than", "must not be");
	}

	// helpers

	MockHttpServletRequestBuilder dealForm(MockHttpServletRequestBuilder post, String name, String account) {
		return post.with(csrf())
			.param("name", name)
			.param("accountIdText", account)
			.param("pipelineId", String.valueOf(jdbc.sql("select min(id) from pipelines").query(Long.class).single()))
			.param("currency", "EUR")
			.param("closeDate", LocalDate.now().plusDays(30).toString());
	}

	/**
	 * An account with a name no other account has, that the user may see (owned by them,
	 * or by their team for a manager; any for an admin).
	 */
	String visibleAccountName(String username) {
		CrmUser u = user(username);
		return jdbc.sql("""
				select a.name from accounts a
				where (select count(*) from accounts b where b.sort_name = a.sort_name) = 1
				  and (:who = 'admin' or a.owner_id = :me
				       or :who = 'manager' and a.owner_id in (select id from users where team_id = :team))
				order by a.id limit 1
				""")
			.param("who", username)
			.param("me", u.id())
			.param("team", u.teamId() == null ? -1L : u.teamId())
			.query(String.class)
			.single();
	}

	long idOf(String path) {
		return Long.parseLong(path.substring(path.lastIndexOf('/') + 1));
	}

}
