package org.opencrm.web.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.opencrm.web.Logins.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.user.UserService;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Another system's id, once an import has set it, is on the record's page, in the API's
 * read model and in the list's export.
 */
@WebIntegrationTest
class ExternalIdPagesTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aContactsExternalIdIsOnItsPageInTheApiAndInTheExport() throws Exception {
		String u = UUID.randomUUID().toString().substring(0, 8);
		long contact = jdbc.sql("""
				insert into contacts (first_name, last_name, email, lifecycle_stage, owner_id, tags, external_id)
				values ('Ext', ?, ?, 'LEAD', (select id from users where username = 'rep'), array[cast(? as text)], ?)
				returning id
				""").params("Ident" + u, "ext." + u + "@example.com", "ext" + u, "ERP-" + u).query(Long.class).single();

		mvc.perform(get("/contacts/{id}", contact).with(as(users, "rep")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("External id")))
			.andExpect(content().string(containsString("ERP-" + u)));
		mvc.perform(get("/api/v1/contacts/{id}", contact).with(httpBasic("rep", "demo")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.externalId").value("ERP-" + u));
		MvcResult started = mvc.perform(get("/contacts/export").param("tag", "ext" + u).with(as(users, "rep")))
			.andExpect(request().asyncStarted())
			.andReturn();
		String csv = mvc.perform(asyncDispatch(started)).andReturn().getResponse().getContentAsString();
		assertThat(csv.split("\r\n")[0]).endsWith(",External id");
		assertThat(csv.split("\r\n")[1]).endsWith(",ERP-" + u);
	}

}
