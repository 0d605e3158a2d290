package org.opencrm.web.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencrm.web.Logins.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.opencrm.core.user.UserService;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The segment editor offers the customer-health criteria with their choices and saves
 * them.
 */
@WebIntegrationTest
class HealthSegmentEditorTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aMarketerPicksRfmSegmentsAndAHealthBandFromListsAndSavesThem() throws Exception {
		String name = "Win back " + System.nanoTime();
		String html = mvc
			.perform(post("/marketing/segments").with(as(users, "marketer"))
				.with(csrf())
				.param("name", name)
				.param("kind", "DYNAMIC")
				.param("rootOp", "AND")
				.param("groups[0].op", "AND")
				.param("groups[0].criteria[0].field", "rfm_segment")
				.param("groups[0].criteria[0].operator", "in")
				.param("groups[0].criteria[0].value", "LOST", "HIBERNATING")
				.param("groups[0].criteria[1].field", "health_band")
				.param("groups[0].criteria[1].operator", "is")
				.param("groups[0].criteria[1].value", "AT_RISK")
				.param("action", "refresh"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(html).contains("Account’s RFM segment")
			.contains("Account’s health band")
			.contains("Account’s health score");
		assertThat(html).containsPattern("<option value=\"LOST\" selected=\"selected\">Lost</option>")
			.containsPattern("<option value=\"CHAMPIONS\">Champions</option>")
			.containsPattern("<option value=\"AT_RISK\" selected=\"selected\">At risk</option>");

		mvc.perform(post("/marketing/segments").with(as(users, "marketer"))
			.with(csrf())
			.param("name", name)
			.param("kind", "DYNAMIC")
			.param("rootOp", "AND")
			.param("groups[0].op", "AND")
			.param("groups[0].criteria[0].field", "rfm_segment")
			.param("groups[0].criteria[0].operator", "in")
			.param("groups[0].criteria[0].value", "LOST", "HIBERNATING")
			.param("groups[0].criteria[1].field", "health_score")
			.param("groups[0].criteria[1].operator", "between")
			.param("groups[0].criteria[1].value", "")
			.param("groups[0].criteria[1].value2", "39")
			.param("action", "save")).andExpect(status().is3xxRedirection());
		String definition = jdbc.sql("select definition::text from segments where name = ?")
			.param(name)
			.query(String.class)
			.single();
		assertThat(definition).contains("rfm_segment")
			.contains("\"LOST\"")
			.contains("\"HIBERNATING\"")
			.contains("health_score")
			.contains("\"39\"");
	}

}
