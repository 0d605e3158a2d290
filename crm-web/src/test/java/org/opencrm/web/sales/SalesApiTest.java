package org.opencrm.web.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.opencrm.core.user.UserService;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

@WebIntegrationTest
class SalesApiTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	long ownedBy(String table, String username) {
		return jdbc.sql("select min(id) from " + table + " where owner_id = ? and status in ('NEW', 'OPEN')")
			.param(users.loadUserByUsername(username).id())
			.query(Long.class)
			.single();
	}

	@Test
	void invalidFieldsAreA400WithTheFieldList() throws Exception {
		mvc.perform(post("/api/v1/leads").with(httpBasic("rep", "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"lastName\": \" \", \"email\": \"nope\", \"companySize\": -3}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", hasItem("lastName")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("email")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("companySize")));
		mvc.perform(post("/api/v1/opportunities").with(httpBasic("rep", "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"X\", \"amount\": -5}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", hasItem("amount")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("accountId")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("closeDate")));
	}

	@Test
	void aBrokenRuleIsA422WithItsCode() throws Exception {
		long lead = ownedBy("leads", "rep");
		mvc.perform(post("/api/v1/leads/" + lead + "/conversion").with(httpBasic("rep", "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"version\": 0}"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.code").value("lead.convert.notQualified"));
		// One of rep's own accounts: another rep's would be refused first, as unknown.
		long account = jdbc
			.sql("select min(id) from accounts where owner_id = (select id from users where username = 'rep')")
			.query(Long.class)
			.single();
		long otherPipelineStage = jdbc.sql(
				"select min(s.id) from pipeline_stages s join pipelines p on p.id = s.pipeline_id where not p.is_default")
			.query(Long.class)
			.single();
		mvc.perform(post("/api/v1/opportunities").with(httpBasic("rep", "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"Wrong stage\", \"accountId\": " + account + ", \"stageId\": " + otherPipelineStage
					+ ", \"closeDate\": \"2030-01-01\"}"))
			// A rule about one input is bad input: 400 with the field, as on the form.
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("opportunity.stage.otherPipeline"))
			.andExpect(jsonPath("$.errors[0].field").value("stageId"));
	}

	@Test
	void aDealSavedOrMovedWithAStaleVersionIsA409AndChangesNothing() throws Exception {
		long account = jdbc
			.sql("select min(id) from accounts where owner_id = (select id from users where username = 'rep')")
			.query(Long.class)
			.single();
		String deal = "{\"name\": \"Stale api\", \"accountId\": %d, \"amount\": %s, \"closeDate\": \"2030-01-01\", \"version\": %d}";
		String location = mvc
			.perform(post("/api/v1/opportunities").with(httpBasic("rep", "demo"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(deal.formatted(account, "100", 0)))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.version").value(0))
			.andReturn()
			.getResponse()
			.getHeader("Location");
		mvc.perform(put(location).with(httpBasic("rep", "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(deal.formatted(account, "200", 0)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.version").value(1));
		long stage = jdbc.sql(
				"select min(id) from pipeline_stages where pipeline_id = (select pipeline_id from opportunities where id = ?) and kind = 'WON'")
			.param(Long.parseLong(location.substring(location.lastIndexOf('/') + 1)))
			.query(Long.class)
			.single();

		mvc.perform(put(location).with(httpBasic("rep", "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(deal.formatted(account, "300", 0))).andExpect(status().isConflict());
		mvc.perform(post(location + "/stage").with(httpBasic("rep", "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"stageId\": " + stage + ", \"version\": 0}")).andExpect(status().isConflict());

		record Saved(java.math.BigDecimal amount, String status, long version) {
		}
		assertThat(jdbc.sql("select amount, status, version from opportunities where id = ?")
			.param(Long.parseLong(location.substring(location.lastIndexOf('/') + 1)))
			.query((rs, n) -> new Saved(rs.getBigDecimal(1), rs.getString(2), rs.getLong(3)))
			.single()).satisfies(saved -> {
				assertThat(saved.amount()).isEqualByComparingTo("200");
				assertThat(saved.status()).isEqualTo("OPEN");
				assertThat(saved.version()).isEqualTo(1);
			});
	}

	@Test
	void anotherRepsRecordsAreNotFound() throws Exception {
		long lead = ownedBy("leads", "rep2");
		long deal = ownedBy("opportunities", "rep2");
		mvc.perform(get("/api/v1/leads/" + lead).with(httpBasic("rep", "demo"))).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/opportunities/" + deal).with(httpBasic("rep", "demo")))
			.andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/leads/" + lead).with(httpBasic("manager", "demo"))).andExpect(status().isOk());
		mvc.perform(get("/api/v1/opportunities?status=OPEN").with(httpBasic("rep", "demo")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items[*].ownerName",
					org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.is("Rita Rep"))));
	}

	@Test
	void anAddressTheOneEmailRuleRefusesIsAProblemNamingTheFieldWithItsMessage() throws Exception {
		String u = SalesPagesTest.unique();
		// Looser checks let these through before (one @, a dot, no space).
		for (String bad : new String[] { "jo@exa;mple.com", "<jo@example.com>", "jo@example..com" }) {
			mvc.perform(post("/api/v1/leads").with(httpBasic("rep", "demo"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"lastName\": \"Bad" + u + "\", \"email\": \"" + bad + "\"}"))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
				.andExpect(jsonPath("$.errors[0].field").value("email"))
				.andExpect(
						jsonPath("$.errors[0].message").value("Enter a valid e-mail address, like name@example.com."));
		}
		assertThat(
				jdbc.sql("select count(*) from leads where last_name = ?").param("Bad" + u).query(Long.class).single())
			.isZero();
	}

	@Test
	void createUpdateAndAStaleUpdate() throws Exception {
		String body = "{\"lastName\": \"Api\", \"email\": \"api.%s@example.com\", \"version\": %d}";
		String u = SalesPagesTest.unique();
		String location = mvc
			.perform(post("/api/v1/leads").with(httpBasic("rep", "demo"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(body.formatted(u, 0)))
			.andExpect(status().isCreated())
			.andExpect(header().exists("Location"))
			.andExpect(jsonPath("$.status").value("NEW"))
			.andReturn()
			.getResponse()
			.getHeader("Location");
		mvc.perform(put(location).with(httpBasic("rep", "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(body.formatted(u, 0))).andExpect(status().isOk()).andExpect(jsonPath("$.version").value(1));
		mvc.perform(put(location).with(httpBasic("rep", "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(body.formatted(u, 0))).andExpect(status().isConflict());
		mvc.perform(post(location + "/status").with(httpBasic("agent", "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"status\": \"WORKING\", \"version\": 1}")).andExpect(status().isForbidden());
	}

	@Test
	void aDealOrAConversionOntoACustomerTheRepCantSeeIsRefusedLikeAnUnknownOne() throws Exception {
		String u = SalesPagesTest.unique();
		long rep = users.loadUserByUsername("rep").id();
		long theirs = jdbc.sql("select min(id) from accounts where owner_id = ?")
			.param(users.loadUserByUsername("rep2").id())
			.query(Long.class)
			.single();
		long theirContact = jdbc.sql("select min(id) from contacts where account_id = ?")
			.param(theirs)
			.query(Long.class)
			.single();
		for (long account : new long[] { theirs, 999_999_999L }) {
			mvc.perform(post("/api/v1/opportunities").with(httpBasic("rep", "demo"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\": \"Sneaky " + u + "\", \"accountId\": " + account
						+ ", \"closeDate\": \"2030-01-01\"}"))
				.andExpect(status().isUnprocessableContent())
				.andExpect(jsonPath("$.code").value("opportunity.account.unknown"));
		}
		assertThat(jdbc.sql("select count(*) from opportunities where name = ?")
			.param("Sneaky " + u)
			.query(Long.class)
			.single()).isZero();
		long lead = jdbc
			.sql("""
					insert into leads (last_name, company, source, status, owner_id) values (?, 'Sneaky Co', 'manual', 'QUALIFIED', ?)
					returning id
					""")
			.params("Sneaky" + u, rep)
			.query(Long.class)
			.single();
		mvc.perform(post("/api/v1/leads/" + lead + "/conversion").with(httpBasic("rep", "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"accountId\": " + theirs + ", \"version\": 0}"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.code").value("lead.convert.accountUnknown"));
		mvc.perform(post("/api/v1/leads/" + lead + "/conversion").with(httpBasic("rep", "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"contactId\": " + theirContact + ", \"version\": 0}"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.code").value("lead.convert.contactUnknown"));
		assertThat(jdbc.sql("select status from leads where id = ?").param(lead).query(String.class).single())
			.isEqualTo("QUALIFIED");
		assertThat(jdbc.sql("select count(*) from contacts where last_name = ?")
			.param("Sneaky" + u)
			.query(Long.class)
			.single()).isZero();
	}

}
