package org.opencrm.web.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencrm.web.Logins.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.opencrm.core.user.UserService;
import org.opencrm.web.WebIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Health probes answer anyone without a session; metrics only the machine itself and
 * private networks; nothing else of the actuator is reachable.
 */
@WebIntegrationTest
class OperationsEndpointsTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	@Test
	void livenessAndReadinessAnswerAnyoneWithoutASession() throws Exception {
		long sessions = sessionCount();

		mvc.perform(get("/actuator/health/liveness").with(fromTheInternet()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("UP"))
			.andExpect(header().doesNotExist("Set-Cookie"));
		mvc.perform(get("/actuator/health/readiness"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("UP"))
			.andExpect(jsonPath("$.components").doesNotExist());

		assertThat(sessionCount()).isEqualTo(sessions);
	}

	@Test
	void prometheusMetricsCarryRequestTimesPerRouteForLocalScrapersOnly() throws Exception {
		mvc.perform(get("/tasks").with(as(users, "rep"))).andExpect(status().isOk());

		String metrics = mvc.perform(get("/actuator/prometheus"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(metrics).contains("http_server_requests_seconds_count")
			.contains("uri=\"/tasks\"")
			.contains("hikaricp_connections_active");

		mvc.perform(get("/actuator/prometheus").with(fromTheInternet())).andExpect(status().isForbidden());
	}

	@Test
	void prometheusShowsHowFarBehindTheBackgroundJobsAre() throws Exception {
		jdbc.sql("""
				insert into mail_outbox (kind, purpose, to_address, subject, text_body, message_id, status,
				                         next_attempt_at, created_at, updated_at)
				values ('SYSTEM', 'test.metrics', 'late@example.com', 'Late', 'Late', '<late-metrics@test>', 'PENDING',
				        now() - interval '10 minutes', now(), now())
				""").update();
		try {
			String metrics = mvc.perform(get("/actuator/prometheus"))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString();

			assertThat(metrics).contains("crm_mail_outbox_pending{outbox=\"campaign\"}")
				.contains("crm_sla_monitor_lag_seconds")
				.contains("crm_health_changes_pending");
			assertThat(gauge(metrics, "crm_mail_outbox_pending{outbox=\"system\"}")).isGreaterThanOrEqualTo(1);
			assertThat(gauge(metrics, "crm_mail_outbox_overdue_seconds{outbox=\"system\"}"))
				.isGreaterThanOrEqualTo(600);
		}
		finally {
			jdbc.sql("delete from mail_outbox where purpose = 'test.metrics'").update();
		}
	}

	private static double gauge(String metrics, String series) {
		return metrics.lines()
			.filter(line -> line.startsWith(series + " "))
			.mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1).strip()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + series + " in the scrape"));
	}

	@Test
	void otherActuatorEndpointsAreNotReachable() throws Exception {
		mvc.perform(get("/actuator/env")).andExpect(status().is4xxClientError());
		mvc.perform(get("/actuator/heapdump")).andExpect(status().is4xxClientError());
		mvc.perform(get("/actuator/env").with(as(users, "admin"))).andExpect(status().is4xxClientError());
	}

	/** A client with a public address, as a visitor through the proxy has. */
	private static RequestPostProcessor fromTheInternet() {
		return request -> {
			request.setRemoteAddr("203.0.113.9");
			return request;
		};
	}

	private long sessionCount() {
		return jdbc.sql("select count(*) from spring_session").query(Long.class).single();
	}

}
