package org.opencrm.web.system;

import static org.opencrm.web.Logins.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opencrm.core.user.UserService;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A list's "next page" cursor altered by hand (bench/security-scan.sh's sqlmap does
 * exactly that) is a 400 with the normal error page (problem JSON on the API), never a
 * 500: the value is a bound parameter, but a time, day or number the database can't cast
 * used to fail the whole request.
 */
@WebIntegrationTest
class AlteredCursorTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	@ParameterizedTest
	@CsvSource({ "/leads, 2026-01-01T00:00:00.000000' AND 1=1--", "/service/tickets, 2026-01-01T00:00:00.000000)--",
			"/service/queue?view=ALL, 2026-13-01T00:00:00.000000", "/tasks, yesterday",
			"/accounts?sort=NEWEST, 2026-01-01T00:00:00.000000;select 1", "/accounts/{account}/timeline, x",
			"/opportunities, 2026-01-01' OR '1'='1", "/sales/accounts/{account}/purchases, 2026-02-30",
			"/marketing/scoring, 12 OR 1=1" })
	void aPageGivenAnAlteredCursorIsABadRequest(String path, String sortValue) throws Exception {
		mvc.perform(get(path.replace("{account}", String.valueOf(anAccount()))).param("cursor", cursor(sortValue))
			.with(as(users, "admin"))).andExpect(status().isBadRequest()).andExpect(view().name("error/400"));
	}

	@ParameterizedTest
	@CsvSource({ "/api/v1/leads, 2026-01-01T00:00:00.000000' AND 1=1--", "/api/v1/tickets, x",
			"/api/v1/opportunities, 2026-01-01x" })
	void theApiGivenAnAlteredCursorAnswersAProblem(String path, String sortValue) throws Exception {
		mvc.perform(get(path).param("cursor", cursor(sortValue)).with(httpBasic("admin", "demo")))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	private long anAccount() {
		return jdbc.sql("select min(id) from accounts").query(Long.class).single();
	}

	/** As the lists write them: "n:<id>:<sort value>", URL-safe Base64. */
	private static String cursor(String sortValue) {
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(("n:1:" + sortValue).getBytes(StandardCharsets.UTF_8));
	}

}
