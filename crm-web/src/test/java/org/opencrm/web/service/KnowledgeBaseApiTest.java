package org.opencrm.web.service;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

@WebIntegrationTest
class KnowledgeBaseApiTest {

	@Autowired
	MockMvc mvc;

	@Test
	void searchSuggestionsAndArticlesAnswerJson() throws Exception {
		mvc.perform(get("/api/v1/kb/articles").param("q", "invoice").with(httpBasic("agent", "demo")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items[0].title").value("Where do I find my invoice?"))
			.andExpect(jsonPath("$.items[0].snippetHtml", containsString("<mark>")))
			.andExpect(jsonPath("$.next").doesNotExist());
		mvc.perform(get("/api/v1/kb/suggestions").param("text", "My parcel arrived damaged, the box was crushed")
			.param("limit", "2")
			.with(httpBasic("agent", "demo")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items", hasSize(2)))
			.andExpect(jsonPath("$.items[0].title").value("My parcel arrived damaged"));
	}

	@Test
	void badRequestsAreProblems() throws Exception {
		mvc.perform(get("/api/v1/kb/articles").with(httpBasic("agent", "demo"))).andExpect(status().isBadRequest());
		mvc.perform(get("/api/v1/kb/articles/999999999").with(httpBasic("agent", "demo")))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.status").value(404));
		mvc.perform(get("/api/v1/kb/articles").param("q", "invoice")).andExpect(status().isUnauthorized());
	}

}
