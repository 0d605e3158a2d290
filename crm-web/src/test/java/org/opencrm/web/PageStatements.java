package org.opencrm.web;

import static org.opencrm.web.Logins.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.opencrm.core.user.UserService;
import org.opencrm.test.SqlStatementCounter;
import org.springframework.test.web.servlet.MockMvc;

/**
 * How many SQL statements a page reads: the counted statements of a GET signed in as a
 * demo user (which must answer 200), the fewer of two runs. {@link SqlStatementCounter}
 * counts only the requesting thread, so background work no longer leaks in; the second
 * run still evens out a first-use cost (a lazily filled cache) so that counts taken
 * before and after a test adds data compare like with like. Needs
 * {@code @Import(SqlStatementCounter.class)}, which {@link WebIntegrationTest} has.
 */
public final class PageStatements {

	private PageStatements() {
	}

	public static int statementsFor(MockMvc mvc, UserService users, String path, String user) throws Exception {
		return Math.min(once(mvc, users, path, user), once(mvc, users, path, user));
	}

	private static int once(MockMvc mvc, UserService users, String path, String user) throws Exception {
		SqlStatementCounter.reset();
		mvc.perform(get(path).with(as(users, user))).andExpect(status().isOk());
		return SqlStatementCounter.count();
	}

}
