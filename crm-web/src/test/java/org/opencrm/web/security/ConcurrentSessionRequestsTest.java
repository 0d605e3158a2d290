package org.opencrm.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import jakarta.servlet.http.Cookie;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
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
			Cookie session = mvc.perform(post("/login").param("username", "rep").param("password", "demo").with(csrf()))
				.andExpect(authenticated())
				.andReturn()
				.getResponse()
				.getCookie("SESSION");

			assertThat(statusesOfParallelRequests(session, 20)).containsOnly(200);
		}
	}

	private List<Object> statusesOfParallelRequests(Cookie session, int n) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(n);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Object>> answers = new ArrayList<>();
			for (int i = 0; i < n; i++) {
				answers.add(pool.submit(() -> {
					start.await();
					try {
						return mvc.perform(get("/tasks").cookie(session)).andReturn().getResponse().getStatus();
					}
					catch (Exception e) {
						return e.toString();
					}
				}));
			}
			start.countDown();
			List<Object> statuses = new ArrayList<>();
			for (Future<Object> answer : answers) {
				statuses.add(answer.get());
			}
			return statuses;
		}
		finally {
			pool.shutdownNow();
		}
	}

}
