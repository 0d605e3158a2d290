package org.opencrm.web.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.opencrm.web.Logins.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.user.UserService;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Quick edits of a lead's status and owner from the lead list and the lead page: saved
 * through the lead's service (status flow, disqualify reason, audit, version), a stale
 * version conflicts, a bad value is a message and changes nothing; without JavaScript the
 * small form is a page of its own.
 */
@WebIntegrationTest
class LeadInlineEditTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	private final String name = "Inline" + UUID.randomUUID().toString().substring(0, 8);

	private long lead() {
		return jdbc
			.sql("insert into leads (last_name, source, status, owner_id) values (?, 'web', 'NEW', ?) returning id")
			.params(name, new SalesTestRows(jdbc).userId("rep"))
			.query(Long.class)
			.single();
	}

	private String column(long lead, String column) {
		return jdbc.sql("select " + column + "::text from leads where id = ?").param(lead).query(String.class).single();
	}

	private MockHttpServletRequestBuilder save(long lead, String field, String value, long version) {
		return post("/leads/" + lead + "/inline/" + field).header("HX-Request", "true")
			.with(csrf())
			.with(as(users, "rep"))
			.param("version", String.valueOf(version))
			.param("value", value);
	}

	@Test
	void theListOffersClickToEditLinksThatOpenTheSmallFormAsAPageWithoutJavaScript() throws Exception {
		long lead = lead();
		mvc.perform(get("/leads").param("q", name).with(as(users, "rep")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"lead-" + lead + "-status\"")))
			.andExpect(content().string(containsString("href=\"/leads/" + lead + "/inline/owner\"")))
			.andExpect(content().string(containsString("hx-get=\"/leads/" + lead + "/inline/status\"")));
		// Without htmx: the small form on a page of its own, posting to the same address.
		mvc.perform(get("/leads/" + lead + "/inline/status").with(as(users, "rep")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("<main")))
			.andExpect(content().string(containsString("action=\"/leads/" + lead + "/inline/status\"")))
			.andExpect(content().string(containsString("value=\"WORKING\"")));
		// Readers of sales records see the values, no edit links.
		mvc.perform(get("/leads").param("q", name).with(as(users, "agent")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"lead-" + lead + "-status\"")))
			.andExpect(content().string(not(containsString("/leads/" + lead + "/inline/"))));
		mvc.perform(get("/leads/" + lead + "/inline/status").with(as(users, "agent")))
			.andExpect(status().isForbidden());
	}

	@Test
	void aStatusIsSavedThroughTheServiceWithItsActivityAndAuditTrail() throws Exception {
		long lead = lead();
		mvc.perform(save(lead, "status", "WORKING", 0))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"lead-" + lead + "-status\"")))
			.andExpect(content().string(containsString("Working")))
			.andExpect(header().doesNotExist("HX-Refresh"));
		assertThat(column(lead, "status")).isEqualTo("WORKING");
		assertThat(column(lead, "version")).isEqualTo("1");
		assertThat(jdbc.sql("select count(*) from lead_activities where lead_id = ? and kind = 'STATUS'")
			.param(lead)
			.query(Long.class)
			.single()).isOne();
		assertThat(jdbc.sql("select count(*) from audit_log where entity_type = 'lead' and entity_id = ?")
			.param(lead)
			.query(Long.class)
			.single()).isPositive();
		// Without htmx the user lands on the lead, told it was saved.
		mvc.perform(post("/leads/" + lead + "/inline/status").with(csrf())
			.with(as(users, "rep"))
			.param("version", "1")
			.param("value", "QUALIFIED")).andExpect(redirectedUrl("/leads/" + lead));
		assertThat(column(lead, "status")).isEqualTo("QUALIFIED");
	}

	@Test
	void disqualifyingNeedsAReasonAsOnTheLeadPage() throws Exception {
		long lead = lead();
		mvc.perform(save(lead, "status", "DISQUALIFIED", 0))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Say why the lead is disqualified.")))
			.andExpect(content().string(containsString("name=\"reason\"")));
		assertThat(column(lead, "status")).isEqualTo("NEW");
		mvc.perform(save(lead, "status", "DISQUALIFIED", 0).param("reason", "Student project"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Disqualified")));
		assertThat(column(lead, "status")).isEqualTo("DISQUALIFIED");
		assertThat(column(lead, "disqualified_reason")).isEqualTo("Student project");
	}

	@Test
	void anOwnerIsSavedThroughTheServiceAndTheNewOwnerIsTold() throws Exception {
		long lead = lead();
		long rep2 = new SalesTestRows(jdbc).userId("rep2");
		mvc.perform(post("/leads/" + lead + "/inline/owner").header("HX-Request", "true")
			.with(csrf())
			.with(as(users, "admin"))
			.param("version", "0")
			.param("value", String.valueOf(rep2))).andExpect(status().isOk());
		assertThat(column(lead, "owner_id")).isEqualTo(String.valueOf(rep2));
		assertThat(jdbc
			.sql("select count(*) from notifications where recipient_id = ? and record_type = 'lead' and record_id = ?")
			.params(rep2, lead)
			.query(Long.class)
			.single()).isOne();
	}

	@Test
	void aStaleVersionConflictsAndSavesNothing() throws Exception {
		long lead = lead();
		jdbc.sql("update leads set status = 'WORKING', version = version + 1 where id = ?").param(lead).update();

		// Without htmx: the conflict page of every edit form.
		mvc.perform(post("/leads/" + lead + "/inline/status").with(csrf())
			.with(as(users, "rep"))
			.param("version", "0")
			.param("value", "QUALIFIED"))
			.andExpect(status().isConflict())
			.andExpect(content().string(containsString("id=\"conflict\"")));
		// With htmx: the small form says so, offers the current version with the choice.
		mvc.perform(save(lead, "status", "QUALIFIED", 0))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Someone else changed this lead meanwhile")))
			.andExpect(content().string(containsString("name=\"version\" value=\"1\"")))
			.andExpect(content().string(containsString("value=\"QUALIFIED\" selected=\"selected\"")));
		mvc.perform(save(lead, "owner", String.valueOf(new SalesTestRows(jdbc).userId("rep")), 0))
			.andExpect(content().string(containsString("Someone else changed this lead meanwhile")));
		assertThat(column(lead, "status")).isEqualTo("WORKING");
		assertThat(column(lead, "version")).isEqualTo("1");
	}

	@Test
	void aBadValueIsAMessageAndChangesNothing() throws Exception {
		long lead = lead();
		// Conversion has its own action; a status that isn't one; a move the flow
		// doesn't allow.
		for (String bad : new String[] { "CONVERTED", "BOGUS", "" }) {
			mvc.perform(save(lead, "status", bad, 0))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Choose one of the offered statuses.")));
		}
		for (String bad : new String[] { "nobody", "-1", "999999999" }) {
			mvc.perform(save(lead, "owner", bad, 0))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Choose one of the offered owners.")));
		}
		// Without htmx the message comes back on the small form's page.
		mvc.perform(post("/leads/" + lead + "/inline/status").with(csrf())
			.with(as(users, "rep"))
			.param("version", "0")
			.param("value", "BOGUS"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("<main")))
			.andExpect(content().string(containsString("Choose one of the offered statuses.")));
		mvc.perform(get("/leads/" + lead + "/inline/nonsense").with(as(users, "rep"))).andExpect(status().isNotFound());
		assertThat(column(lead, "status")).isEqualTo("NEW");
		assertThat(column(lead, "version")).isEqualTo("0");
	}

	@Test
	void savedFromTheLeadPageThePageReloads() throws Exception {
		long lead = lead();
		mvc.perform(get("/leads/" + lead).with(as(users, "rep")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"lead-" + lead + "-owner\"")));
		mvc.perform(save(lead, "status", "WORKING", 0).header("HX-Current-URL", "http://localhost/leads/" + lead))
			.andExpect(status().isOk())
			.andExpect(header().string("HX-Refresh", "true"));
	}

	@Test
	void anotherRepsLeadIsNotFound() throws Exception {
		long lead = lead();
		mvc.perform(post("/leads/" + lead + "/inline/status").header("HX-Request", "true")
			.with(csrf())
			.with(as(users, "rep2"))
			.param("version", "0")
			.param("value", "WORKING")).andExpect(status().isNotFound());
		assertThat(column(lead, "status")).isEqualTo("NEW");
	}

}
