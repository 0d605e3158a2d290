package org.opencrm.web.marketing;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

@WebIntegrationTest
class CampaignApiTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Test
	void campaignsAreListedCreatedReadAndReportedOverTheApi() throws Exception {
		mvc.perform(get("/api/v1/campaigns").with(httpBasic("marketer", "demo")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items[?(@.name == 'Spring product launch')]").exists());

		String location = mvc
			.perform(post("/api/v1/campaigns").with(httpBasic("marketer", "demo"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"API campaign\",\"type\":\"WEBINAR\",\"budget\":300,\"currency\":\"EUR\"}"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.status").value("DRAFT"))
			.andExpect(jsonPath("$.version").value(0))
			.andReturn()
			.getResponse()
			.getHeader("Location");

		mvc.perform(get(location).with(httpBasic("marketer", "demo")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.name").value("API campaign"));
		long sent = jdbc.sql("select id from campaigns where name = 'Spring product launch'")
			.query(Long.class)
			.single();
		mvc.perform(get("/api/v1/campaigns/" + sent + "/report").with(httpBasic("manager", "demo")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.sent").isNumber())
			.andExpect(jsonPath("$.costPerLead").doesNotExist());
	}

	@Test
	void badInputIsA400WithTheFieldsAndABrokenRuleA422() throws Exception {
		mvc.perform(post("/api/v1/campaigns").with(httpBasic("marketer", "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"\",\"type\":\"EMAIL\",\"budget\":-1}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[?(@.field == 'name')]").exists())
			.andExpect(jsonPath("$.errors[?(@.field == 'budget')]").exists());

		long id = jdbc.sql("insert into campaigns (name, type) values ('API draft', 'EMAIL') returning id")
			.query(Long.class)
			.single();
		mvc.perform(post("/api/v1/campaigns/" + id + "/schedule").with(httpBasic("marketer", "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"version\":0}"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.code").value("campaign.template.required"));
		mvc.perform(post("/api/v1/campaigns/" + id + "/schedule").with(httpBasic("marketer", "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"version\":7}")).andExpect(status().isConflict());
		mvc.perform(get("/api/v1/campaigns/999999999").with(httpBasic("marketer", "demo")))
			.andExpect(status().isNotFound());
	}

	@Test
	void salesRepsMayNotUseTheCampaignApi() throws Exception {
		mvc.perform(get("/api/v1/campaigns").with(httpBasic("rep", "demo")))
			.andExpect(status().isForbidden())
			.andExpect(header().string("Content-Type", org.hamcrest.Matchers.containsString("problem+json")));
	}

}
