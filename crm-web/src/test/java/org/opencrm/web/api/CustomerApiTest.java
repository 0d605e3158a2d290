package org.opencrm.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Accounts and contacts over the API: the services' record rules (a rep sees only what
 * the pages show them), problem details for bad input, and the record version as ETag and
 * If-Match.
 */
@WebIntegrationTest
class CustomerApiTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	private static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, String body) {
		return request.contentType(MediaType.APPLICATION_JSON).content(body);
	}

	private long create(String user, String path, String body) throws Exception {
		MvcResult result = mvc.perform(json(post(path), body).with(httpBasic(user, "demo")))
			.andExpect(status().isCreated())
			.andExpect(header().string("ETag", "\"0\""))
			.andReturn();
		return ((Number) JsonPath.read(result.getResponse().getContentAsString(), "$.id")).longValue();
	}

	@Test
	void anAccountIsCreatedReadChangedListedAndDeleted() throws Exception {
		long id = create("manager", "/api/v1/accounts", """
				{"name": "Api Roundtrip AG", "domain": "roundtrip.example", "country": "DE", "tags": ["Api", "test"]}
				""");
		mvc.perform(get("/api/v1/accounts/{id}", id).with(httpBasic("manager", "demo")))
			.andExpect(status().isOk())
			.andExpect(header().string("ETag", "\"0\""))
			.andExpect(jsonPath("$.name").value("Api Roundtrip AG"))
			.andExpect(jsonPath("$.country").value("Germany"))
			.andExpect(jsonPath("$.tags").value(hasItem("api")))
			.andExpect(jsonPath("$.lifecycleStage").value("LEAD"));

		mvc.perform(json(put("/api/v1/accounts/{id}", id), """
				{"name": "Api Roundtrip SE", "lifecycleStage": "CUSTOMER"}
				""").with(httpBasic("manager", "demo")).header("If-Match", "\"0\""))
			.andExpect(status().isOk())
			.andExpect(header().string("ETag", "\"1\""))
			.andExpect(jsonPath("$.name").value("Api Roundtrip SE"))
			.andExpect(jsonPath("$.domain").doesNotExist());

		mvc.perform(get("/api/v1/accounts").param("q", "roundtrip").with(httpBasic("manager", "demo")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items[*].id").value(hasItem((int) id)));

		mvc.perform(delete("/api/v1/accounts/{id}", id).with(httpBasic("manager", "demo")).header("If-Match", "\"0\""))
			.andExpect(status().isPreconditionFailed());
		mvc.perform(delete("/api/v1/accounts/{id}", id).with(httpBasic("manager", "demo")).header("If-Match", "\"1\""))
			.andExpect(status().isNoContent());
		mvc.perform(get("/api/v1/accounts/{id}", id).with(httpBasic("manager", "demo")))
			.andExpect(status().isNotFound());
	}

	@Test
	void aStaleIfMatchIs412AndAStaleBodyVersionStays409AndNothingChanges() throws Exception {
		long id = create("manager", "/api/v1/accounts", "{\"name\": \"Etag Checks GmbH\"}");
		mvc.perform(json(put("/api/v1/accounts/{id}", id), "{\"name\": \"First\"}").with(httpBasic("manager", "demo"))
			.header("If-Match", "\"0\"")).andExpect(status().isOk());

		mvc.perform(json(put("/api/v1/accounts/{id}", id), "{\"name\": \"Lost update\", \"version\": 1}")
			.with(httpBasic("manager", "demo"))
			.header("If-Match", "\"0\""))
			.andExpect(status().isPreconditionFailed())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
			.andExpect(jsonPath("$.type").value("https://opencrm.org/problems/precondition-failed"));
		mvc.perform(
				json(put("/api/v1/accounts/{id}", id), "{\"name\": \"Lost update\"}").with(httpBasic("manager", "demo"))
					.header("If-Match", "W/\"1\""))
			.andExpect(status().isPreconditionFailed());
		// Without If-Match, as before: the body's version (none: 0) is checked, a 409.
		mvc.perform(json(put("/api/v1/accounts/{id}", id), "{\"name\": \"Lost update\"}")
			.with(httpBasic("manager", "demo")))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.type").value("https://opencrm.org/problems/stale-version"));
		assertThat(jdbc.sql("select name from accounts where id = ?").param(id).query(String.class).single())
			.isEqualTo("First");

		mvc.perform(
				get("/api/v1/accounts/{id}", id).with(httpBasic("manager", "demo")).header("If-None-Match", "\"1\""))
			.andExpect(status().isNotModified());
	}

	@Test
	void aContactIsCreatedAtAnAccountChangedWithIfMatchAndDeleted() throws Exception {
		long account = create("manager", "/api/v1/accounts", "{\"name\": \"Contact Home KG\"}");
		long id = create("manager", "/api/v1/contacts", """
				{"firstName": "Ada", "lastName": "Apitest", "email": "ada.apitest@example.com", "accountId": %d,
				 "consentEmail": true}
				""".formatted(account));
		mvc.perform(get("/api/v1/contacts/{id}", id).with(httpBasic("manager", "demo")))
			.andExpect(status().isOk())
			.andExpect(header().string("ETag", "\"0\""))
			.andExpect(jsonPath("$.accountName").value("Contact Home KG"))
			.andExpect(jsonPath("$.consentEmail").value(true));
		mvc.perform(get("/api/v1/contacts").param("account", Long.toString(account)).with(httpBasic("manager", "demo")))
			.andExpect(jsonPath("$.items[0].id").value((int) id));
		mvc.perform(json(put("/api/v1/contacts/{id}", id), """
				{"firstName": "Ada", "lastName": "Apitest-Lovelace", "accountId": %d}
				""".formatted(account)).with(httpBasic("manager", "demo")).header("If-Match", "\"0\""))
			.andExpect(status().isOk())
			.andExpect(header().string("ETag", "\"1\""))
			.andExpect(jsonPath("$.lastName").value("Apitest-Lovelace"));
		mvc.perform(json(put("/api/v1/contacts/{id}", id), "{\"firstName\": \"A\", \"lastName\": \"B\"}")
			.with(httpBasic("manager", "demo"))
			.header("If-Match", "\"0\"")).andExpect(status().isPreconditionFailed());
		// Deleting is for managers and admins, as on the pages.
		mvc.perform(delete("/api/v1/contacts/{id}", id).with(httpBasic("rep", "demo")).param("version", "1"))
			.andExpect(status().isForbidden());
		mvc.perform(delete("/api/v1/contacts/{id}", id).with(httpBasic("manager", "demo")).param("version", "1"))
			.andExpect(status().isNoContent());
	}

	@Test
	void aContactsMailLanguageIsSetKeptByAPutWithoutItAndRemovedByABlank() throws Exception {
		long id = create("manager", "/api/v1/contacts", """
				{"firstName": "Gerd", "lastName": "Apilang", "preferredLocale": "de"}
				""");
		mvc.perform(get("/api/v1/contacts/{id}", id).with(httpBasic("manager", "demo")))
			.andExpect(jsonPath("$.preferredLocale").value("de"));
		mvc.perform(json(put("/api/v1/contacts/{id}", id), "{\"firstName\": \"Gerd\", \"lastName\": \"Apilang\"}")
			.with(httpBasic("manager", "demo"))
			.header("If-Match", "\"0\""))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.preferredLocale").value("de"));
		mvc.perform(json(put("/api/v1/contacts/{id}", id), """
				{"firstName": "Gerd", "lastName": "Apilang", "preferredLocale": "xx"}
				""").with(httpBasic("manager", "demo")).header("If-Match", "\"1\""))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
			.andExpect(jsonPath("$.errors[0].field").value("preferredLocale"));
		mvc.perform(json(put("/api/v1/contacts/{id}", id), """
				{"firstName": "Gerd", "lastName": "Apilang", "preferredLocale": ""}
				""").with(httpBasic("manager", "demo")).header("If-Match", "\"1\""))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.preferredLocale").doesNotExist());
	}

	@Test
	void invalidFieldsAreA400ProblemListingEachFieldAndSaveNothing() throws Exception {
		long before = jdbc.sql("select count(*) from contacts").query(Long.class).single();
		mvc.perform(json(post("/api/v1/contacts"), """
				{"firstName": "", "lastName": "Valid", "email": "not-an-address", "country": "Atlantis",
				 "phone": "call me"}
				""").with(httpBasic("rep", "demo")))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
			.andExpect(jsonPath("$.type").value("https://opencrm.org/problems/validation"))
			.andExpect(jsonPath("$.errors[*].field")
				.value(org.hamcrest.Matchers.containsInAnyOrder("firstName", "email", "country", "phone")));
		mvc.perform(json(post("/api/v1/accounts"), "{\"domain\": \"no domain\"}").with(httpBasic("rep", "demo")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder("name", "domain")));
		assertThat(jdbc.sql("select count(*) from contacts").query(Long.class).single()).isEqualTo(before);
	}

	@Test
	void aRepReachesOnlyTheCustomersThePagesShowThem() throws Exception {
		long foreign = jdbc.sql("""
				select a.id from accounts a join users u on u.id = a.owner_id where u.username = 'rep2'
				order by a.id limit 1
				""").query(Long.class).single();
		String name = jdbc.sql("select name from accounts where id = ?").param(foreign).query(String.class).single();
		mvc.perform(get("/api/v1/accounts/{id}", foreign).with(httpBasic("rep", "demo")))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.type").value("https://opencrm.org/problems/not-found"));
		mvc.perform(
				json(put("/api/v1/accounts/{id}", foreign), "{\"name\": \"Taken over\"}").with(httpBasic("rep", "demo"))
					.header("If-Match", "\"0\""))
			.andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/accounts").param("q", name).with(httpBasic("rep", "demo")))
			.andExpect(jsonPath("$.items[*].id").value(not(hasItem((int) foreign))));
		mvc.perform(get("/api/v1/accounts").param("q", name).with(httpBasic("manager", "demo")))
			.andExpect(jsonPath("$.items[*].id").value(hasItem((int) foreign)));
		// Nor can a rep hang a new person on it.
		mvc.perform(json(post("/api/v1/contacts"),
				"{\"firstName\": \"X\", \"lastName\": \"Y\", \"accountId\": %d}".formatted(foreign))
			.with(httpBasic("rep", "demo"))).andExpect(status().isNotFound());
	}

	@Test
	void leadsDealsAndTicketsCarryTheirVersionAsETagToo() throws Exception {
		long lead = jdbc.sql("select id from leads order by id limit 1").query(Long.class).single();
		long leadVersion = jdbc.sql("select version from leads where id = ?").param(lead).query(Long.class).single();
		mvc.perform(get("/api/v1/leads/{id}", lead).with(httpBasic("admin", "demo")))
			.andExpect(status().isOk())
			.andExpect(header().string("ETag", "\"" + leadVersion + "\""));
		mvc.perform(json(put("/api/v1/leads/{id}", lead),
				"{\"lastName\": \"Stale\", \"version\": %d}".formatted(leadVersion))
			.with(httpBasic("admin", "demo"))
			.header("If-Match", "\"" + (leadVersion + 7) + "\"")).andExpect(status().isPreconditionFailed());
		long deal = jdbc.sql("select id from opportunities order by id limit 1").query(Long.class).single();
		long dealVersion = jdbc.sql("select version from opportunities where id = ?")
			.param(deal)
			.query(Long.class)
			.single();
		mvc.perform(get("/api/v1/opportunities/{id}", deal).with(httpBasic("admin", "demo")))
			.andExpect(header().string("ETag", "\"" + dealVersion + "\""));
		long ticket = jdbc.sql("select id from tickets order by id limit 1").query(Long.class).single();
		long ticketVersion = jdbc.sql("select version from tickets where id = ?")
			.param(ticket)
			.query(Long.class)
			.single();
		mvc.perform(get("/api/v1/tickets/{id}", ticket).with(httpBasic("admin", "demo")))
			.andExpect(header().string("ETag", "\"" + ticketVersion + "\""));
	}

}
