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
 * Merging over the API: {@code POST /api/v1/contacts/merge} and {@code …/accounts/merge},
 * and an RFC 9457 problem for every request that can't be a merge.
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
