package org.opencrm.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencrm.core.TestData.unique;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.opencrm.test.MovableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Webhook calls against a real HTTP server in the test (com.sun.net.httpserver): signed
 * with the rule's key over timestamp and body, retried with backoff after a failure,
 * delivered once the endpoint answers, given up after the attempts.
 */
@SpringBootTest
@Import(Gadgets.class)
class WebhookDeliveriesTest {

	@Autowired
	WorkflowRules rules;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	record Received(String signature, String delivery, String body) {
	}

	@Test
	void aCallIsSignedRetriedAfterAFailureAndDeliveredOnce() throws IOException {
		long rule = webhookRule();
		String secret = rules.webhookSecret(rule);
		assertThat(secret).startsWith("whsec_");
		assertThat(rules.details(rule).webhookSecretMasked()).doesNotContain(secret.substring(8, secret.length() - 4));
		List<Received> received = new CopyOnWriteArrayList<>();
		AtomicInteger calls = new AtomicInteger();
		HttpServer server = server(exchange -> {
			received.add(new Received(exchange.getRequestHeaders().getFirst(WebhookSigner.HEADER),
					exchange.getRequestHeaders().getFirst("X-CRM-Delivery"),
					new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
			// fails the first time, takes it the second
			return calls.incrementAndGet() == 1 ? 500 : 204;
		});
		try {
			MovableClock clock = MovableClock.running(ZoneId.of("UTC"));
			WebhookDeliveries deliveries = deliveries(clock, 3);
			Map<String, Object> payload = new java.util.LinkedHashMap<>();
			payload.put("recordType", "gadget");
			payload.put("recordId", 7);
			long id = enqueue(deliveries, rule, server, payload);

			assertThat(deliveries.deliverDue()).isZero();
			assertThat(state(id)).isEqualTo("PENDING 1 HTTP 500");
			// not due again before its backoff (30 s) passed
			deliveries.deliverDue();
			assertThat(calls).hasValue(1);

			clock.advance(Duration.ofSeconds(31));
			assertThat(deliveries.deliverDue()).isOne();
			clock.advance(Duration.ofHours(1));
			deliveries.deliverDue();

			assertThat(state(id)).isEqualTo("DELIVERED 2 null");
			assertThat(received).hasSize(2).allSatisfy(r -> {
				assertThat(r.body()).isEqualTo("{\"recordType\":\"gadget\",\"recordId\":7}");
				assertThat(r.delivery()).isEqualTo(String.valueOf(id));
				assertThat(WebhookSigner.verify(secret, r.signature(), r.body())).isTrue();
				assertThat(WebhookSigner.verify("whsec_another", r.signature(), r.body())).isFalse();
				assertThat(WebhookSigner.verify(secret, r.signature(), r.body() + " ")).isFalse();
			});
		}
		finally {
			server.stop(0);
			rules.delete(rule);
		}
	}

	@Test
	void aCallThatKeepsFailingIsGivenUpAfterItsAttempts() throws IOException {
		long rule = webhookRule();
		HttpServer server = server(exchange -> 503);
		try {
			MovableClock clock = MovableClock.running(ZoneId.of("UTC"));
			WebhookDeliveries deliveries = deliveries(clock, 2);
			long id = enqueue(deliveries, rule, server, Map.of("n", 1));
			deliveries.deliverDue();
			clock.advance(Duration.ofMinutes(5));
			deliveries.deliverDue();
			clock.advance(Duration.ofHours(5));
			deliveries.deliverDue();
			assertThat(state(id)).isEqualTo("FAILED 2 HTTP 503");
		}
		finally {
			server.stop(0);
			rules.delete(rule);
		}
	}

	@Test
	void aCallToAnInternalAddressIsNotMadeWhenTheyAreNotAllowed() throws IOException {
		long rule = webhookRule();
		AtomicInteger calls = new AtomicInteger();
		HttpServer server = server(exchange -> {
			calls.incrementAndGet();
			return 204;
		});
		try {
			MovableClock clock = MovableClock.running(ZoneId.of("UTC"));
			WebhookDeliveries strict = new WebhookDeliveries(jdbc, new WorkflowSettings(false, Duration.ofMinutes(1), 5,
					Duration.ofSeconds(5), 1, Duration.ofSeconds(30), false), transactions, clock);
			long id = enqueue(strict, rule, server, Map.of("n", 1));
			strict.deliverDue();
			assertThat(state(id)).isEqualTo("FAILED 1 workflow.webhook.url.private");
			assertThat(calls).hasValue(0);
		}
		finally {
			server.stop(0);
			rules.delete(rule);
		}
	}

	interface Answer {

		int status(com.sun.net.httpserver.HttpExchange exchange) throws IOException;

	}

	private static HttpServer server(Answer answer) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/hook", exchange -> {
			int status = answer.status(exchange);
			exchange.sendResponseHeaders(status, -1);
			exchange.close();
		});
		server.start();
		return server;
	}

	private WebhookDeliveries deliveries(MovableClock clock, int attempts) {
		return new WebhookDeliveries(jdbc, new WorkflowSettings(false, Duration.ofMinutes(1), 5, Duration.ofSeconds(5),
				attempts, Duration.ofSeconds(30), true), transactions, clock);
	}

	/** A rule with a webhook to a public address (its key is what matters here). */
	private long webhookRule() {
		return rules.create(new RuleCommand("Hook " + unique(), Gadgets.TYPE, TriggerKind.CREATED, null, null, null,
				null, List.of(),
				List.of(new ActionSpec(ActionType.WEBHOOK, null, "https://93.184.216.34/hook", null, null, null)),
				false, 0));
	}

	private long enqueue(WebhookDeliveries deliveries, long rule, HttpServer server, Map<String, Object> payload) {
		deliveries.enqueue(rule, null, "http://127.0.0.1:" + server.getAddress().getPort() + "/hook", payload);
		return jdbc.sql("select max(id) from workflow_webhooks where rule_id = ?")
			.param(rule)
			.query(Long.class)
			.single();
	}

	private String state(long id) {
		return jdbc.sql(
				"select status || ' ' || attempts || ' ' || coalesce(last_error, 'null') from workflow_webhooks where id = ?")
			.param(id)
			.query(String.class)
			.single();
	}

}
