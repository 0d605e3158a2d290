package org.opencrm.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opencrm.core.user.UserService;
import org.opencrm.test.MovableClock;
import org.opencrm.test.SqlStatementCounter;
import org.opencrm.web.WebIntegrationTest;
import org.opencrm.web.api.rate.ApiRateLimits;
import org.opencrm.web.api.rate.ApiRateSettings;
import org.opencrm.web.api.token.ApiTokens;
import org.opencrm.web.api.token.CreatedToken;
import org.opencrm.web.api.token.NewToken;
import org.opencrm.web.api.token.TokenScope;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The API's request limit: counted per token in PostgreSQL, so what another node counted
 * counts here too; above it a 429 problem with Retry-After; one statement per request.
 */
@WebIntegrationTest
class ApiRateLimitTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	ApiTokens tokens;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MovableClock clock;

	@Autowired
	ApiRateSettings settings;

	@AfterEach
	void clockBack() {
		clock.reset();
	}

	@Test
	void requestsCountedOnAnotherNodeCountHereAndTheNextOneIsA429WithRetryAfter() throws Exception {
		// The middle of a window, so the requests below can't straddle two.
		long window = settings.window().toMillis();
		clock.set(Instant.ofEpochMilli((clock.millis() / window + 1) * window + window / 2));
		CreatedToken token = tokens.create(users.loadUserByUsername("rep").withoutPassword(),
				new NewToken("limited", TokenScope.READ, null));
		// Another node: its own ApiRateLimits over the same database.
		ApiRateLimits otherNode = new ApiRateLimits(jdbc, clock, settings);
		for (int i = 0; i < settings.requests() - 1; i++) {
			otherNode.hit("token:" + token.id());
		}
		mvc.perform(get("/api/v1/accounts").header("Authorization", "Bearer " + token.token()))
			.andExpect(status().isOk())
			.andExpect(header().string("RateLimit-Limit", Integer.toString(settings.requests())))
			.andExpect(header().string("RateLimit-Remaining", "0"));
		mvc.perform(get("/api/v1/accounts").header("Authorization", "Bearer " + token.token()))
			.andExpect(status().isTooManyRequests())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
			.andExpect(jsonPath("$.type").value("https://opencrm.org/problems/rate-limited"))
			.andExpect(header().string("Retry-After", Long.toString(window / 2000)));
		// The user's HTTP Basic sign-ins count separately from their token.
		mvc.perform(get("/api/v1/accounts")
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
				.httpBasic("rep", "demo")))
			.andExpect(status().isOk());

		clock.advance(Duration.ofMillis(window / 2 + 1));
		mvc.perform(get("/api/v1/accounts").header("Authorization", "Bearer " + token.token()))
			.andExpect(status().isOk())
			.andExpect(header().string("RateLimit-Remaining", Integer.toString(settings.requests() - 1)));
	}

	@Test
	void countingARequestIsOneStatementAndTheTableKeepsOneRowPerCaller() {
		ApiRateLimits limits = new ApiRateLimits(jdbc, clock, settings);
		limits.hit("test:one-row");
		SqlStatementCounter.reset();
		ApiRateLimits.Decision decision = limits.hit("test:one-row");
		assertThat(SqlStatementCounter.count()).isEqualTo(1);
		assertThat(decision.allowed()).isTrue();
		assertThat(decision.remaining()).isEqualTo(settings.requests() - 2);
		clock.advance(settings.window().multipliedBy(3));
		assertThat(limits.hit("test:one-row").remaining()).isEqualTo(settings.requests() - 1);
		assertThat(jdbc.sql("select count(*) from api_rate where subject = 'test:one-row'").query(Long.class).single())
			.isEqualTo(1);
	}

	@Test
	void aNodeWhoseClockLagsCountsIntoTheNewerWindow() {
		ApiRateLimits ahead = new ApiRateLimits(jdbc, clock, settings);
		MovableClock behind = MovableClock.fixedAt(clock.instant().minus(settings.window()));
		ApiRateLimits lagging = new ApiRateLimits(jdbc, behind, settings);
		ahead.hit("test:skew");
		assertThat(lagging.hit("test:skew").remaining()).isEqualTo(settings.requests() - 2);
	}

}
