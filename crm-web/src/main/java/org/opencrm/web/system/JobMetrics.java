package org.opencrm.web.system;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How far behind the background work is, read from the tables the jobs claim from at each
 * scrape (each an index range or a count of a small queue): mail waiting in the outbox
 * and how overdue the oldest is, mails in doubt, how overdue the SLA monitor's next check
 * is, and how many accounts wait for a health recompute. Reads only.
 */
@Component
class JobMetrics implements MeterBinder {

	private final JdbcClient jdbc;

	JobMetrics(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		// One outbox; campaign and sequence mails (MARKETING) are tagged apart from the
		// rest.
		Map.of("system", "kind <> 'MARKETING'", "campaign", "kind = 'MARKETING'").forEach((name, kind) -> {
			gauge(registry, "crm.mail.outbox.pending", "Mails waiting to be sent", name,
					() -> number("select count(*) from mail_outbox where status = 'PENDING' and " + kind));
			gauge(registry, "crm.mail.outbox.overdue.seconds", "How long the oldest due mail has waited", name,
					() -> number("select coalesce(extract(epoch from now() - min(next_attempt_at)), 0) from mail_outbox"
							+ " where status = 'PENDING' and next_attempt_at <= now() and " + kind));
			gauge(registry, "crm.mail.outbox.in.doubt",
					"Mails in doubt (may have been delivered), waiting for a person", name,
					() -> number("select count(*) from mail_outbox where status = 'UNKNOWN' and " + kind));
		});
		Gauge
			.builder("crm.sla.monitor.lag.seconds",
					() -> number("select coalesce(extract(epoch from now() - min(sla_next_check_at)), 0) from tickets"
							+ " where sla_next_check_at is not null and sla_next_check_at <= now()"))
			.description("How overdue the SLA monitor's next warning or breach check is")
			.register(registry);
		Gauge.builder("crm.health.changes.pending", () -> number("select count(*) from customer_health_changes"))
			.description("Accounts marked for a customer-health recompute")
			.register(registry);
	}

	private static void gauge(MeterRegistry registry, String name, String description, String outbox,
			Supplier<Number> value) {
		Gauge.builder(name, value).description(description).tag("outbox", outbox).register(registry);
	}

	private Number number(String sql) {
		return jdbc.sql(sql).query(Double.class).single();
	}

}
