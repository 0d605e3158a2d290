package org.opencrm.web.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

@WebIntegrationTest
class TicketApiTest {

	@Autowired
	MockMvc mvc;

	private long create(String subject) throws Exception {
		String json = mvc
			.perform(post("/api/v1/tickets").with(httpBasic("agent", "demo"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"senderEmail": "api-%d@example.com", "senderName": "Ada Api", "subject": "%s",
						 "description": "From the API", "type": "INCIDENT", "priority": "HIGH", "channel": "PORTAL"}
						""".formatted(System.nanoTime(), subject)))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.number").value(org.hamcrest.Matchers.startsWith("T-")))
			.andExpect(jsonPath("$.status").value("NEW"))
			.andExpect(jsonPath("$.conversation[0].body").value("From the API"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		return ((Number) JsonPath.read(json, "$.id")).longValue();
	}

	@Test
	void aTicketIsCreatedReadRepliedToAndResolved() throws Exception {
		long id = create("API ticket");

		mvc.perform(post("/api/v1/tickets/" + id + "/replies").with(httpBasic("agent", "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"body\": \"Looking into it\"}"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.status").value("OPEN"))
			.andExpect(jsonPath("$.sla.firstRespondedAt").isNotEmpty());
		mvc.perform(post("/api/v1/tickets/" + id + "/status").with(httpBasic("agent", "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"status\": \"RESOLVED\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("RESOLVED"));
		mvc.perform(get("/api/v1/tickets/" + id).with(httpBasic("agent", "demo")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.conversation.length()").value(2));
	}

	@Test
	void missingAndMalformedFieldsAre400ProblemsNamingTheField() throws Exception {
		mvc.perform(post("/api/v1/tickets").with(httpBasic("agent", "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"subject\": \" \", \"senderEmail\": \"not-an-address\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("https://opencrm.org/problems/validation"))
			.andExpect(jsonPath("$.errors[*].field")
				.value(org.hamcrest.Matchers.containsInAnyOrder("subject", "senderEmail")));
		mvc.perform(post("/api/v1/tickets").with(httpBasic("agent", "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"subject\": \"x\", \"priority\": \"SOON\"}")).andExpect(status().isBadRequest());
		mvc.perform(get("/api/v1/tickets?limit=1000").with(httpBasic("agent", "demo")))
			.andExpect(status().isBadRequest());
		mvc.perform(get("/api/v1/tickets?status=SOMETIME").with(httpBasic("agent", "demo")))
			.andExpect(status().isBadRequest());
	}

	@Test
	void brokenRulesAre422AndUnknownTicketsAre404() throws Exception {
		long id = create("Rules");

		mvc.perform(post("/api/v1/tickets/" + id + "/status").with(httpBasic("agent", "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"status\": \"CLOSED\"}"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.code").value("ticket.status.notAllowed"));
		mvc.perform(post("/api/v1/tickets/" + id + "/status").with(httpBasic("agent", "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"status\": \"OPEN\", \"version\": 99}")).andExpect(status().isConflict());
		mvc.perform(post("/api/v1/tickets").with(httpBasic("agent", "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"subject\": \"Nobody\"}")).andExpect(status().isCreated());
		mvc.perform(get("/api/v1/tickets/987654321").with(httpBasic("agent", "demo"))).andExpect(status().isNotFound());
	}

	@Test
	void theListPagesByCursorAndFilters() throws Exception {
		create("List one");
		create("List two");

		String first = mvc
			.perform(get("/api/v1/tickets?limit=1&priority=HIGH&type=INCIDENT").with(httpBasic("agent", "demo")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items.length()").value(1))
			.andExpect(jsonPath("$.next").isNotEmpty())
			.andReturn()
			.getResponse()
			.getContentAsString();
		String next = JsonPath.read(first, "$.next");
		String second = mvc
			.perform(get("/api/v1/tickets?limit=1&priority=HIGH&type=INCIDENT&cursor=" + next)
				.with(httpBasic("agent", "demo")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat((Object) JsonPath.read(second, "$.items[0].id")).isNotEqualTo(JsonPath.read(first, "$.items[0].id"));
	}

	@Test
	void salesRepsCantUseTheTicketApi() throws Exception {
		mvc.perform(get("/api/v1/tickets").with(httpBasic("rep", "demo"))).andExpect(status().isForbidden());
	}

}
