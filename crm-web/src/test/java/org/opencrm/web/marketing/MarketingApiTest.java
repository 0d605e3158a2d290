package org.opencrm.web.marketing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencrm.web.marketing.MarketingAudiencePagesTest.from;
import static org.opencrm.web.marketing.MarketingAudiencePagesTest.ip;
import static org.opencrm.web.marketing.MarketingAudiencePagesTest.unique;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

@WebIntegrationTest
class MarketingApiTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aBadSegmentDefinitionIsA400ProblemListingEveryBadCriterion() throws Exception {
		String body = """
				{"name": "Bad %s", "kind": "DYNAMIC", "definition": {"op": "AND", "items": [
				  {"field": "salary", "operator": "in", "values": ["1"]},
				  {"op": "OR", "items": [{"field": "stage", "operator": "like", "values": ["LEAD"]},
				                         {"field": "lead_score", "operator": "between", "values": ["high", ""]}]}]}}
				""".formatted(unique());

		mvc.perform(post("/api/v1/segments").with(httpBasic("marketer", "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(body))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
			.andExpect(jsonPath("$.type").value("https://opencrm.org/problems/validation"))
			.andExpect(jsonPath("$.errors.length()").value(3))
			.andExpect(jsonPath("$.errors[0].field").value("definition.items[0].field"))
			.andExpect(jsonPath("$.errors[0].message").value("Unknown field ‘salary’."))
			.andExpect(jsonPath("$.errors[1].field").value("definition.items[1].items[0].operator"))
			.andExpect(jsonPath("$.errors[2].message").value("‘high’ is not a whole number."));
	}

	@Test
	void aMissingNameOrKindIsA400ProblemToo() throws Exception {
		mvc.perform(post("/api/v1/segments").with(httpBasic("marketer", "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"\", \"definition\": {\"op\": \"AND\", \"items\": []}}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors.length()").value(2));
	}

	@Test
	void segmentsAreCreatedCountedPagedAndChangedOverJson() throws Exception {
		String name = "Api " + unique();
		String created = mvc
			.perform(post("/api/v1/segments").with(httpBasic("marketer", "demo"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"name": "%s", "kind": "DYNAMIC", "definition": {"op": "AND", "items": [
						  {"field": "country", "operator": "in", "values": ["Germany"]}]}}
						""".formatted(name)))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.definition.items[0].field").value("country"))
			.andExpect(jsonPath("$.version").value(0))
			.andReturn()
			.getResponse()
			.getContentAsString();
		long id = Long.parseLong(created.replaceAll(".*\"id\":(\\d+).*", "$1"));
		long germans = jdbc.sql("select count(*) from contacts where lower(country) = 'germany'")
			.query(Long.class)
			.single();

		mvc.perform(get("/api/v1/segments/" + id + "/count").with(httpBasic("manager", "demo")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.count").value(Math.min(germans, 10_000)));
		mvc.perform(get("/api/v1/segments/" + id + "/members").with(httpBasic("marketer", "demo")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items.length()").value(25))
			.andExpect(jsonPath("$.next").isNotEmpty());
		mvc.perform(put("/api/v1/segments/" + id).with(httpBasic("marketer", "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(
					"{\"name\": \"%s\", \"kind\": \"DYNAMIC\", \"version\": 5, \"definition\": {\"op\": \"AND\", \"items\": []}}"
						.formatted(name)))
			.andExpect(status().isConflict());
		mvc.perform(get("/api/v1/segments").with(httpBasic("marketer", "demo")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items").isArray());
		mvc.perform(get("/api/v1/segments/99999999").with(httpBasic("marketer", "demo")))
			.andExpect(status().isNotFound());
	}

	@Test
	void salesRepsMayNotUseTheSegmentApi() throws Exception {
		mvc.perform(get("/api/v1/segments").with(httpBasic("rep", "demo"))).andExpect(status().isForbidden());
	}

	@Test
	void websitesPostSubmissionsWithoutAnAccountAndStaffListThem() throws Exception {
		String email = "api." + unique() + "@example.com";
		mvc.perform(post("/api/v1/forms/webinar/submissions").with(from(ip()))
			.contentType(MediaType.APPLICATION_JSON)
			.content(
					"{\"firstName\": \"Api\", \"lastName\": \"Visitor\", \"company\": \"Json Inc\", \"email\": \"%s\", \"companySize\": 120}"
						.formatted(email)))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.message")
				.value("You’re registered. The link to join arrives by e-mail the day before."));
		assertThat(jdbc.sql("select data->>'companySize' from form_submissions where email = ?")
			.param(email)
			.query(String.class)
			.single()).isEqualTo("120");

		mvc.perform(post("/api/v1/forms/webinar/submissions").with(from(ip()))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"lastName\": \"Visitor\", \"email\": \"nope\", \"companySize\": -3}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[?(@.field == 'email')].message")
				.value("Enter a valid e-mail address, like name@example.com."))
			.andExpect(jsonPath("$.errors[?(@.field == 'firstName')].message").value("Please fill this in."))
			.andExpect(jsonPath("$.errors[?(@.field == 'companySize')]").exists());

		mvc.perform(get("/api/v1/forms/webinar/submissions").with(httpBasic("marketer", "demo")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items[0].email").exists());
		mvc.perform(get("/api/v1/forms/webinar/submissions")).andExpect(status().isUnauthorized());
	}

	@Test
	void theApiHonoursTheSameRateLimit() throws Exception {
		String address = ip();
		for (int i = 0; i < 5; i++) {
			mvc.perform(post("/api/v1/forms/contact-us/submissions").with(from(address))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"website\": \"spam\", \"email\": \"x@example.com\"}")).andExpect(status().isCreated());
		}
		mvc.perform(post("/api/v1/forms/contact-us/submissions").with(from(address))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"lastName\": \"Late\", \"email\": \"late@example.com\", \"message\": \"hi\"}"))
			.andExpect(status().isTooManyRequests())
			.andExpect(jsonPath("$.status").value(429));
	}

}
