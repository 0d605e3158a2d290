package org.opencrm.web.security;

import static org.hamcrest.Matchers.endsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opencrm.test.MovableClock;
import org.opencrm.web.Logins;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A session kept busy still ends a day after its sign-in (crm.session.absolute-timeout).
 */
@WebIntegrationTest
class SessionLifetimeTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	MovableClock clock;

	@AfterEach
	void backToNow() {
		clock.reset();
	}

	private Cookie signIn() throws Exception {
		return Logins.signIn(mvc, "rep2");
	}

	@Test
	void aSessionOlderThanItsAbsoluteLifetimeEndsOnItsNextRequest() throws Exception {
		Cookie session = signIn();
		clock.advance(Duration.ofHours(23));
		mvc.perform(get("/tasks").cookie(session)).andExpect(status().isOk());

		clock.advance(Duration.ofHours(2));
		mvc.perform(get("/tasks").cookie(session))
			.andExpect(status().isFound())
			.andExpect(header().string("Location", endsWith("/login")));
		// Ended, not just refused once: back at the real time it stays signed out.
		clock.reset();
		mvc.perform(get("/tasks").cookie(session)).andExpect(status().isFound());
	}

}
