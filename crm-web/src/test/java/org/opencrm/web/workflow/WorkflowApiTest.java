package org.opencrm.web.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Workflow rules over {@code /api/v1/workflows}: an admin creates, reads (ETag), replaces
 * and deletes a rule; a rule that doesn't hold is a 400 problem naming the field, saving
 * nothing; a stale version conflicts; nobody but admins gets in; the paths are in the
 * OpenAPI document.
 */
@WebIntegrationTest
class WorkflowApiTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Test
	void anAdminCreatesReadsReplacesAndDeletesARule() throws Exception {
		String name = "Api rule " + unique();
		String location = mvc
			.perform(post("/api/v1/workflows").with(httpBasic("admin", "demo"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(rule(name, "lifecycleStage", "CUSTOMER", null)))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.recordType").value("contact"))
			.andExpect(jsonPath("$.trigger").value("FIELD_CHANGED"))
			.andExpect(jsonPath("$.actions[0].type").value("ADD_TAG"))
			.andExpect(jsonPath("$.version").value(0))
			.andReturn()
			.getResponse()
			.getHeader("Location");
		assertThat(location).startsWith("/api/v1/workflows/");

		mvc.perform(get(location).with(httpBasic("admin", "demo")))
			.andExpect(status().isOk())
			.andExpect(header().string("ETag", "\"0\""))
			.andExpect(jsonPath("$.name").value(name))
			.andExpect(jsonPath("$.conditions[0].field").value("lastName"));
		mvc.perform(get("/api/v1/workflows").with(httpBasic("admin", "demo")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items[?(@.name == '" + name + "')].recordType").value("contact"));

		mvc.perform(put(location).with(httpBasic("admin", "demo"))
			.header("If-Match", "\"0\"")
			.contentType(MediaType.APPLICATION_JSON)
			.content(rule(name + " v2", "lifecycleStage", "EVANGELIST", null)))
			.andExpect(status().isOk())
			.andExpect(header().string("ETag", "\"1\""))
			.andExpect(jsonPath("$.name").value(name + " v2"))
			.andExpect(jsonPath("$.triggerTo").value("EVANGELIST"));
		// the same version again is stale now
		mvc.perform(put(location).with(httpBasic("admin", "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(rule(name + " v3", "lifecycleStage", "CUSTOMER", 0L)))
			.andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"));

		mvc.perform(delete(location).with(httpBasic("admin", "demo"))).andExpect(status().isNoContent());
		mvc.perform(get(location).with(httpBasic("admin", "demo")))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
	}

	@Test
	void aRuleThatDoesNotHoldIsAProblemNamingTheFieldAndSavesNothing() throws Exception {
		String name = "Bad api rule " + unique();
		mvc.perform(post("/api/v1/workflows").with(httpBasic("admin", "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(rule(name, "shoeSize", "42", null)))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
			.andExpect(jsonPath("$.type").value("https://opencrm.org/problems/validation"))
			.andExpect(jsonPath("$.errors[0].field").value("triggerField"));
		mvc.perform(post("/api/v1/workflows").with(httpBasic("admin", "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"name": "%s", "recordType": "task", "trigger": "OVERDUE", "idleDays": 400,
					 "actions": [{"type": "NOTIFY", "recipient": "OWNER", "text": "Late"}]}
					""".formatted(name)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("idleDays"));
		mvc.perform(post("/api/v1/workflows").with(httpBasic("admin", "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"name": "%s", "recordType": "lead", "trigger": "SOMETIMES", "actions": []}
					""".formatted(name)))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"));

		assertThat(
				jdbc.sql("select count(*) from workflow_rules where name = ?").param(name).query(Long.class).single())
			.isZero();
	}

	@Test
	void onlyAdminsGetInAndThePathsAreDocumented() throws Exception {
		mvc.perform(get("/api/v1/workflows").with(httpBasic("manager", "demo"))).andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/workflows").with(httpBasic("rep", "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(rule("Sneaky " + unique(), "lifecycleStage", "CUSTOMER", null))).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/openapi.json").with(httpBasic("admin", "demo")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.paths['/api/v1/workflows'].post").exists())
			.andExpect(jsonPath("$.paths['/api/v1/workflows/{id}'].put").exists())
			.andExpect(jsonPath("$.paths['/api/v1/workflows/{id}'].delete").exists());
	}

	private static String rule(String name, String triggerField, String to, Long version) {
		return """
				{"name": "%s", "recordType": "contact", "trigger": "FIELD_CHANGED", "triggerField": "%s",
				 "triggerTo": "%s", "conditions": [{"field": "lastName", "operator": "CONTAINS", "value": "nobody"}],
				 "actions": [{"type": "ADD_TAG", "value": "customer"}], "enabled": true%s}
				""".formatted(name, triggerField, to, version == null ? "" : ", \"version\": " + version);
	}

	private static String unique() {
		StringBuilder s = new StringBuilder();
		for (int i = 0; i < 8; i++) {
			s.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
		}
		return s.toString();
	}

}
