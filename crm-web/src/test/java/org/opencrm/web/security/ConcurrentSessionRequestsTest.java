package org.opencrm.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import jakarta.servlet.http.Cookie;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencrm.web.Concurrently;
import org.opencrm.web.Logins;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Browsers send several requests of one session at once (tabs, htmx polling). Twenty
 * parallel first requests of a new session each store the same new attribute (the CSRF
 * token of the page's forms); every one must answer normally — Spring Session's plain
 * insert used to fail all but one with a duplicate key, as a 500 after the work was done.
 */
@WebIntegrationTest
class ConcurrentSessionRequestsTest {

	@Autowired
	MockMvc mvc;

	@Test
	void twentyParallelRequestsInOneNewSessionAllSucceed() throws Exception {
		for (int round = 0; round < 3; round++) {
			Cookie session = Logins.signIn(mvc, "rep");

			assertThat(statusesOfParallelRequests(session, 20)).containsOnly(200);
		}
	}

	private List<Object> statusesOfParallelRequests(Cookie session, int n) throws Exception {
		return Concurrently.run(n, i -> () -> {
			try {
				return mvc.perform(get("/tasks").cookie(session)).andReturn().getResponse().getStatus();
			}
			catch (Exception e) {
				return e.toString();
			}
		});
	}

}
