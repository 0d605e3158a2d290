package org.opencrm.web.dedupe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Merging over the API: {@code POST /api/v1/contacts/merge}, {@code …/accounts/merge} and
 * {@code …/leads/merge}, and an RFC 9457 problem for every request that can't be a merge.
 */
@WebIntegrationTest
class MergeApiTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	MergeFixtures data;

	@Autowired
	void fixtures(JdbcClient jdbc) {
		data = new MergeFixtures(jdbc);
	}

	private ResultActions merge(String user, String type, String body) throws Exception {
		return mvc.perform(post("/api/v1/" + type + "/merge").contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.with(httpBasic(user, "demo")));
	}

	private static String body(long survivor, long survivorVersion, long merged, long mergedVersion, String fields) {
		return """
				{"survivor": {"id": %d, "version": %d}, "merged": [{"id": %d, "version": %d}], "fields": %s}
				""".formatted(survivor, survivorVersion, merged, mergedVersion, fields);
	}

	@Test
	void twoPeopleAreMergedWithAValueOfTheOther() throws Exception {
		long keep = data.contact("Pia", "Api", null, null);
		long gone = data.contact("Pia", "Api", "pia@api.example", null);
		data.ticket(gone, null);

		merge("manager", "contacts", body(keep, 0, gone, 0, "{\"email\": " + gone + "}")).andExpect(status().isOk())
			.andExpect(jsonPath("$.survivorId").value((int) keep))
			.andExpect(jsonPath("$.mergedIds[0]").value((int) gone));

		assertThat(data.count("select count(*) from tickets where contact_id = ?", keep)).isEqualTo(1);
		assertThat(jdbc.sql("select email from contacts where id = ?").param(keep).query(String.class).single())
			.isEqualTo("pia@api.example");
	}

	@Test
	void twoCompaniesAreMerged() throws Exception {
		long keep = data.account("Api Company " + MergeFixtures.unique());
		long gone = data.account("Api Company Dup " + MergeFixtures.unique());
		long person = data.contact("Quinn", "Staff", null, gone);

		merge("admin", "accounts", body(keep, 0, gone, 0, "{}")).andExpect(status().isOk());

		assertThat(jdbc.sql("select account_id from contacts where id = ?").param(person).query(Long.class).single())
			.isEqualTo(keep);
	}

	@Test
	void twoLeadsAreMergedWithTheOthersStatus() throws Exception {
		long keep = data.lead("Sam", "Apilead", null, "Api Co");
		long gone = data.lead("Sam", "Apilead", "sam@apilead.example", "Api Co");
		jdbc.sql("update leads set status = 'WORKING' where id = ?").param(gone).update();
		jdbc.sql("insert into lead_activities (lead_id, kind, subject, occurred_at) values (?, 'CALL', 'x', now())")
			.param(gone)
			.update();

		merge("manager", "leads", body(keep, 0, gone, 0, "{\"status\": " + gone + "}")).andExpect(status().isOk())
			.andExpect(jsonPath("$.survivorId").value((int) keep))
			.andExpect(jsonPath("$.mergedIds[0]").value((int) gone));

		assertThat(jdbc.sql("select status || ' ' || email from leads where id = ?")
			.param(keep)
			.query(String.class)
			.single()).isEqualTo("WORKING sam@apilead.example");
		assertThat(data.count("select count(*) from lead_activities where lead_id = ? and kind = 'CALL'", keep))
			.isEqualTo(1);
		assertThat(data.count("select count(*) from leads where id = ?", gone)).isZero();
	}

	@Test
	void badLeadMergesAreProblemsAndMergeNothing() throws Exception {
		long a = data.lead("Tia", "Badlead", null, null);
		long b = data.lead("Tia", "Badlead", null, null);
		long account = data.account("Api Converted " + MergeFixtures.unique());
		long converted = data.lead("Tia", "Badlead", null, null);
		jdbc.sql("""
				update leads set status = 'CONVERTED', converted_account_id = ?, converted_at = now(),
				  converted_contact_id = ? where id = ?""")
			.params(account, data.contact("Tia", "Badlead", null, account), converted)
			.update();
		long person = data.contact("Tia", "Notalead", null, null);

		// A converted lead: a rule, with its reason.
		merge("admin", "leads", body(a, 0, converted, 0, "{}")).andExpect(status().isUnprocessableContent())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("merge.lead.converted"))
			.andExpect(jsonPath("$.detail").value("Tia Badlead is converted: merge the person it became instead."));
		// One lead only; the same lead twice.
		merge("admin", "leads", """
				{"survivor": {"id": %d, "version": 0}, "merged": []}""".formatted(a)).andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		merge("admin", "leads", body(a, 0, a, 0, "{}")).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("merge.sameTwice"));
		// An unknown lead, and a person's id (not a lead's) named as a lead.
		merge("admin", "leads", body(a, 0, Long.MAX_VALUE, 0, "{}")).andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		merge("admin", "leads",
				"""
						{"survivor": {"id": %d, "version": 0}, "merged": [{"id": %d, "version": 0, "type": "contact"}]}"""
					.formatted(a, person))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("merge.differentTypes"));
		// A field leads don't have; a stale version.
		merge("admin", "leads", body(a, 0, b, 0, "{\"lifecycleStage\": " + b + "}")).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("merge.unknownField"));
		merge("admin", "leads", body(a, 0, b, 3, "{}")).andExpect(status().isConflict())
			.andExpect(jsonPath("$.type").value(org.hamcrest.Matchers.endsWith("stale-version")));
		// Reps don't merge.
		merge("rep", "leads", body(a, 0, b, 0, "{}")).andExpect(status().isForbidden());

		assertThat(data.count("select count(*) from leads where id in (?, ?, ?)", a, b, converted)).isEqualTo(3);
		assertThat(data.version("leads", a)).isZero();
	}

	@Test
	void badRequestsAreProblemsAndMergeNothing() throws Exception {
		long a = data.contact("Rae", "Bad", null, null);
		long b = data.contact("Rae", "Bad", null, null);
		long company = data.account("Not A Person " + MergeFixtures.unique());

		// One record only.
		merge("admin", "contacts", """
				{"survivor": {"id": %d, "version": 0}, "merged": []}""".formatted(a)).andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		// The same record twice.
		merge("admin", "contacts", body(a, 0, a, 0, "{}")).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("merge.sameTwice"))
			.andExpect(jsonPath("$.errors[0].field").value("merged"));
		// An unknown record.
		merge("admin", "contacts", body(a, 0, Long.MAX_VALUE, 0, "{}")).andExpect(status().isNotFound());
		// Records of another type.
		merge("admin", "contacts",
				"""
						{"survivor": {"id": %d, "version": 0}, "merged": [{"id": %d, "version": 0, "type": "account"}]}"""
					.formatted(a, company))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("merge.differentTypes"));
		// A field that isn't one, a value from a record not in the merge.
		merge("admin", "contacts", body(a, 0, b, 0, "{\"passwordHash\": " + a + "}")).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("merge.unknownField"));
		merge("admin", "contacts", body(a, 0, b, 0, "{\"email\": " + (Long.MAX_VALUE - 1) + "}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("merge.fieldSource"));
		// A stale version.
		merge("admin", "contacts", body(a, 0, b, 7, "{}")).andExpect(status().isConflict())
			.andExpect(jsonPath("$.type").value(org.hamcrest.Matchers.endsWith("stale-version")));
		// Not allowed: reps, agents and marketers don't merge.
		merge("rep", "contacts", body(a, 0, b, 0, "{}")).andExpect(status().isForbidden());
		merge("marketer", "accounts", body(a, 0, b, 0, "{}")).andExpect(status().isForbidden());
		// A body that isn't one.
		merge("admin", "contacts", "{\"survivor\": {\"id\": \"x\"}}").andExpect(status().isBadRequest());

		assertThat(data.count("select count(*) from contacts where id in (?, ?)", a, b)).isEqualTo(2);
		assertThat(data.version("contacts", a)).isZero();
	}

}
