package org.opencrm.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.opencrm.core.user.UserService;
import org.opencrm.web.Logins;
import org.opencrm.web.WebIntegrationTest;
import org.opencrm.web.api.token.ApiTokens;
import org.opencrm.web.api.token.NewToken;
import org.opencrm.web.api.token.TokenScope;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document of {@code /api/v1} and its Swagger UI: for staff only, reachable
 * the way API clients sign in and from a browser session, listing the API's paths and
 * both ways to sign in.
 */
@WebIntegrationTest
class OpenApiDocumentTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	ApiTokens tokens;

	@Test
	void theDocumentIsValidJsonListingTheApiPathsAndBothSignIns() throws Exception {
		String body = mvc.perform(get("/api/v1/openapi.json").with(httpBasic("rep", "demo")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		JsonNode doc = JsonMapper.builder().build().readTree(body);
		assertThat(doc.path("openapi").asString()).startsWith("3.");
		assertThat(doc.path("paths").propertyNames()).contains("/api/v1/accounts", "/api/v1/accounts/{id}",
				"/api/v1/contacts", "/api/v1/contacts/{id}", "/api/v1/leads", "/api/v1/leads/{id}",
				"/api/v1/opportunities/{id}", "/api/v1/tickets", "/api/v1/tickets/{id}");
		assertThat(doc.path("paths").propertyNames()).allMatch(path -> path.startsWith("/api/v1/"));
		assertThat(doc.path("components").path("securitySchemes").path("basic").path("scheme").asString())
			.isEqualTo("basic");
		assertThat(doc.path("components").path("securitySchemes").path("token").path("scheme").asString())
			.isEqualTo("bearer");
		assertThat(doc.path("paths").path("/api/v1/accounts/{id}").path("put").path("parameters").toString())
			.contains("If-Match");
	}

	@Test
	void staffReadItWithATokenOrTheirSessionAndNobodyElseDoes() throws Exception {
		String token = tokens
			.create(users.loadUserByUsername("agent").withoutPassword(), new NewToken("docs", TokenScope.READ, null))
			.token();
		mvc.perform(get("/api/v1/openapi.json").header("Authorization", "Bearer " + token)).andExpect(status().isOk());
		mvc.perform(get("/api/v1/openapi.json").with(Logins.as(users, "marketer"))).andExpect(status().isOk());
		mvc.perform(get("/api/v1/openapi.json")).andExpect(status().isUnauthorized());
		mvc.perform(get("/api/v1/openapi.json").with(httpBasic("customer", "demo"))).andExpect(status().isForbidden());
	}

	@Test
	void theSwaggerUiIsForSignedInStaff() throws Exception {
		mvc.perform(get("/swagger-ui/index.html").with(Logins.as(users, "rep"))).andExpect(status().isOk());
		mvc.perform(get("/swagger-ui.html").with(Logins.as(users, "rep"))).andExpect(status().is3xxRedirection());
		mvc.perform(get("/swagger-ui/index.html")).andExpect(status().is3xxRedirection());
		mvc.perform(get("/swagger-ui/index.html").with(Logins.as(users, "customer"))).andExpect(status().isForbidden());
	}

}
