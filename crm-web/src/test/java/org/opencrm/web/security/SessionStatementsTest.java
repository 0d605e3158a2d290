package org.opencrm.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.opencrm.test.SqlStatementCounter;
import org.opencrm.web.Logins;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A request that changes nothing in its session reads it once and writes nothing; a
 * change, or a last access older than the write interval, is written (SessionWrites).
 */
@WebIntegrationTest
class SessionStatementsTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	private Cookie signIn() throws Exception {
		return Logins.signIn(mvc, "rep2");
	}

	private List<String> sessionStatements(Cookie session, String path) throws Exception {
		SqlStatementCounter.reset();
		mvc.perform(get(path).cookie(session)).andExpect(status().isOk());
		return SqlStatementCounter.statements()
			.stream()
			.map(sql -> sql.toLowerCase(Locale.ROOT).strip())
			.filter(sql -> sql.contains("spring_session"))
			.toList();
	}

	@Test
	void aRequestThatChangesNothingReadsTheSessionOnceAndWritesNothing() throws Exception {
		Cookie session = signIn();
		sessionStatements(session, "/tasks"); // the first page after sign-in may store a
												// token

		List<String> statements = sessionStatements(session, "/tasks");

		assertThat(statements).hasSize(1);
		assertThat(statements.get(0)).startsWith("select");
	}

	@Test
	void aStaleLastAccessIsWrittenOnTheNextRequest() throws Exception {
		Cookie session = signIn();
		sessionStatements(session, "/tasks");
		String id = idOf(session);
		assertThat(
				jdbc.sql("update spring_session set last_access_time = last_access_time - 120000 where session_id = ?")
					.param(id)
					.update())
			.isOne();

		List<String> statements = sessionStatements(session, "/tasks");

		assertThat(statements).hasSize(2);
		assertThat(statements.get(1)).startsWith("update spring_session");
		long stored = jdbc.sql("select last_access_time from spring_session where session_id = ?")
			.param(id)
			.query(Long.class)
			.single();
		assertThat(System.currentTimeMillis() - stored).isLessThan(60_000);
	}

	@Test
	void aSessionEndedElsewhereIsGoneOnTheNextRequest() throws Exception {
		Cookie session = signIn();
		sessionStatements(session, "/tasks");
		sessionStatements(session, "/tasks");

		// Another node (or an admin there) ends it: this node must not answer from what
		// it saved.
		jdbc.sql("delete from spring_session where session_id = ?").param(idOf(session)).update();

		mvc.perform(get("/tasks").cookie(session)).andExpect(status().isFound());
	}

	@Test
	void aSessionIdIsTwoHundredAndSixteenRandomBits() throws Exception {
		String first = idOf(signIn());
		String second = idOf(signIn());

		assertThat(first).matches("[A-Za-z0-9_-]{36}").isNotEqualTo(second);
	}

	private static String idOf(Cookie session) {
		return new String(Base64.getDecoder().decode(session.getValue()), StandardCharsets.US_ASCII);
	}

}
