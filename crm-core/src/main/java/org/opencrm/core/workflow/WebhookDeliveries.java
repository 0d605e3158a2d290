package org.opencrm.core.workflow;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.opencrm.core.shared.RuleViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Webhook calls of rules: queued in {@code workflow_webhooks} in the run's transaction
 * (so a run rolled back calls nobody), then sent by {@link #deliverDue}: due rows are
 * claimed with {@code for update skip locked} and their next attempt moved a lease ahead
 * in one short transaction, the POST goes out outside any transaction, and the answer is
 * written back — 2xx DELIVERED, else retried after {@code webhook-backoff} doubled per
 * failure until {@code webhook-max-attempts}, then FAILED with the last error. A node
 * that dies mid-call leaves the row to be retried once its lease passed (so a receiver
 * may see a call twice: the {@code X-CRM-Delivery} header names it).
 */
@Component
class WebhookDeliveries {

	static final int BATCH = 20;

	private final JdbcClient jdbc;

	private final WorkflowSettings settings;

	private final TransactionTemplate tx;

	private final Clock clock;

	private final HttpClient http;

	WebhookDeliveries(JdbcClient jdbc, WorkflowSettings settings, PlatformTransactionManager transactions,
			Clock clock) {
		this.jdbc = jdbc;
		this.settings = settings;
		this.tx = new TransactionTemplate(transactions);
		this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.clock = clock;
		this.http = HttpClient.newBuilder()
			.connectTimeout(settings.webhookTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	void enqueue(long ruleId, Long runId, String url, Map<String, Object> payload) {
		jdbc.sql("""
				insert into workflow_webhooks (rule_id, run_id, url, body, status, next_attempt_at, created_at)
				values (?, ?, ?, ?, 'PENDING', ?, ?)
				""")
			.params(ruleId, runId, url, RuleJson.JSON.writeValueAsString(payload), Timestamp.from(clock.instant()),
					Timestamp.from(clock.instant()))
			.update();
	}

	private record Due(long id, String url, String body, int attempts, String secret) {
	}

	/** Sends the due calls (at most a batch); returns how many were delivered. */
	int deliverDue() {
		Instant now = clock.instant();
		Duration lease = settings.webhookTimeout().multipliedBy(3);
		List<Due> due = tx.execute(status -> jdbc.sql("""
				update workflow_webhooks w set next_attempt_at = :lease, attempts = w.attempts + 1
				from workflow_rules r
				where r.id = w.rule_id and w.id in (
				  select id from workflow_webhooks where status = 'PENDING' and next_attempt_at <= :now
				  order by next_attempt_at, id limit :batch for update skip locked)
				returning w.id, w.url, w.body, w.attempts, r.webhook_secret
				""")
			.param("lease", Timestamp.from(now.plus(lease)))
			.param("now", Timestamp.from(now))
			.param("batch", BATCH)
			.query((rs, n) -> new Due(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5)))
			.list());
		int delivered = 0;
		for (Due d : due) {
			String error = call(d);
			if (error == null) {
				jdbc.sql(
						"update workflow_webhooks set status = 'DELIVERED', delivered_at = ?, last_error = null where id = ?")
					.params(Timestamp.from(clock.instant()), d.id())
					.update();
				delivered++;
			}
			else {
				boolean last = d.attempts() >= settings.webhookMaxAttempts();
				Duration wait = settings.webhookBackoff().multipliedBy(1L << Math.min(d.attempts() - 1, 16));
				jdbc.sql("update workflow_webhooks set status = ?, next_attempt_at = ?, last_error = ? where id = ?")
					.params(last ? "FAILED" : "PENDING", Timestamp.from(clock.instant().plus(wait)),
							error.length() > 500 ? error.substring(0, 500) : error, d.id())
					.update();
			}
		}
		return delivered;
	}

	/** Makes one call; null when it was taken (2xx), else why not. */
	private String call(Due d) {
		try {
			URI uri = UrlGuard.check(d.url(), settings.webhookAllowPrivate(), "url");
			long at = clock.instant().getEpochSecond();
			HttpRequest request = HttpRequest.newBuilder(uri)
				.timeout(settings.webhookTimeout())
				.header("Content-Type", "application/json")
				.header("User-Agent", "OpenCRM-Webhook")
				.header("X-CRM-Delivery", String.valueOf(d.id()))
				.header(WebhookSigner.HEADER, WebhookSigner.sign(d.secret(), at, d.body()))
				.POST(HttpRequest.BodyPublishers.ofString(d.body(), StandardCharsets.UTF_8))
				.build();
			HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
			return response.statusCode() / 100 == 2 ? null : "HTTP " + response.statusCode();
		}
		catch (RuleViolationException ex) {
			return ex.code();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "interrupted";
		}
		catch (Exception ex) {
			return ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
		}
	}

}
