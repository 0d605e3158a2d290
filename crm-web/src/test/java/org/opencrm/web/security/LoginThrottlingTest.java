package org.opencrm.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opencrm.core.user.Role;
import org.opencrm.core.user.UserCommand;
import org.opencrm.core.user.UserService;
import org.opencrm.test.MovableClock;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Guessing passwords: the login form and the API's Basic auth stop answering after a few
 * failures.
 */
@WebIntegrationTest
class LoginThrottlingTest {

	static final String PASSWORD = "kettle-harbour-17";

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MovableClock clock;

	@AfterEach
	void forget() {
		clock.reset();
		jdbc.sql("delete from login_throttle").update();
	}

	static RequestPostProcessor from(String address) {
		return request -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

	private void user(String username) {
		users.createUser(new UserCommand(username, "Throttle Target", null, Role.SALES_REP, null, true, PASSWORD, 0));
	}

	private ResultActions login(String username, String password, String address) throws Exception {
		return mvc.perform(post("/login").param("username", username)
			.param("password", password)
			.with(csrf())
			.with(from(address)));
	}

	@Test
	void afterFiftyWrongPasswordsTheRightOneIsRefusedUntilTheLockEnds() throws Exception {
		user("guessed.at");
		for (int i = 0; i < 50; i++) {
			login("guessed.at", "guess-number-" + i, "198.51.100.1");
		}

		login("guessed.at", PASSWORD, "198.51.100.1").andExpect(unauthenticated())
			.andExpect(redirectedUrl("/login?locked"));
		// From elsewhere too: the lock is the account's.
		login("guessed.at", PASSWORD, "198.51.100.2").andExpect(unauthenticated())
			.andExpect(redirectedUrl("/login?locked"));
		mvc.perform(get("/login").param("locked", ""))
			.andExpect(content().string(containsString("Too many failed sign-ins")));

		clock.advance(Duration.ofMinutes(1).plusSeconds(1));
		login("guessed.at", PASSWORD, "198.51.100.1").andExpect(authenticated().withUsername("guessed.at"));
		assertThat(jdbc.sql("select count(*) from login_throttle where throttle_key = 'account:guessed.at'")
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void anUnknownNameIsLockedExactlyLikeAKnownOne() throws Exception {
		user("known.name");
		for (int i = 0; i < 5; i++) {
			login("known.name", "wrong-" + i, "198.51.100.3").andExpect(redirectedUrl("/login?error"));
			login("unknown.name", "wrong-" + i, "198.51.100.3").andExpect(redirectedUrl("/login?error"));
		}
		login("known.name", "wrong-again", "198.51.100.3").andExpect(redirectedUrl("/login?locked"));
		login("unknown.name", "wrong-again", "198.51.100.3").andExpect(redirectedUrl("/login?locked"));
	}

	@Test
	void theApiAnswersALockedAccountWith429AndAProblem() throws Exception {
		user("api.guessed");
		for (int i = 0; i < 5; i++) {
			mvc.perform(get("/api/v1/leads").with(httpBasic("api.guessed", "wrong-" + i)).with(from("198.51.100.4")))
				.andExpect(status().isUnauthorized());
		}
		mvc.perform(get("/api/v1/leads").with(httpBasic("api.guessed", PASSWORD)).with(from("198.51.100.4")))
			.andExpect(status().isTooManyRequests())
			.andExpect(header().exists("Retry-After"))
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
			.andExpect(jsonPath("$.detail", containsString("Too many failed sign-ins")));
		clock.advance(Duration.ofMinutes(2));
		mvc.perform(get("/api/v1/leads").with(httpBasic("api.guessed", PASSWORD)).with(from("198.51.100.4")))
			.andExpect(status().isOk());
	}

	@Test
	void oneAddressTryingManyNamesIsStoppedForAllOfThem() throws Exception {
		user("bystander");
		for (int i = 0; i < 50; i++) {
			login("sprayed" + (i / 4), "wrong", "198.51.100.5");
		}
		login("bystander", PASSWORD, "198.51.100.5").andExpect(redirectedUrl("/login?locked"));
		login("bystander", PASSWORD, "198.51.100.6").andExpect(authenticated());
	}

}
