package org.opencrm.web.analytics;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Writes the rows customer health reads, straight into the tables, with unique names. */
class HealthFixture {

	final JdbcClient jdbc;

	final String tag;

	final Instant now;

	final LocalDate today;

	HealthFixture(JdbcClient jdbc, Instant now, LocalDate today) {
		this.jdbc = jdbc;
		this.now = now;
		this.today = today;
		StringBuilder s = new StringBuilder();
		for (int i = 0; i < 8; i++) {
			s.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
		}
		this.tag = s.toString();
	}

	long team(String name) {
		return jdbc.sql("insert into teams (name) values (?) returning id")
			.param(name + " " + tag)
			.query(Long.class)
			.single();
	}

	long user(String username, String role, Long team) {
		return jdbc
			.sql("""
					insert into users (username, full_name, password_hash, role, team_id) values (?, ?, 'x', ?, ?) returning id
					""")
			.params(username + tag, "User " + username + " " + tag, role, team)
			.query(Long.class)
			.single();
	}

	long account(String name, Long owner) {
		return jdbc.sql("insert into accounts (name, lifecycle_stage, owner_id) values (?, 'CUSTOMER', ?) returning id")
			.params(name + " " + tag, owner)
			.query(Long.class)
			.single();
	}

	long contact(long account, String name) {
		return jdbc
			.sql("""
					insert into contacts (account_id, first_name, last_name, lifecycle_stage, email) values (?, ?, ?, 'CUSTOMER', ?)
					returning id""")
			.params(account, name, tag, name.toLowerCase() + "." + tag + "@example.com")
			.query(Long.class)
			.single();
	}

	long wonDeal(long account, long owner, int daysAgo, String amount, String currency) {
		return deal(account, owner, "WON", daysAgo, amount, currency);
	}

	long deal(long account, long owner, String kind, int daysAgo, String amount, String currency) {
		return jdbc
			.sql("""
					insert into opportunities (name, account_id, pipeline_id, stage_id, status, amount, currency, close_date,
					                           owner_id, forecast_category)
					select ?, ?, s.pipeline_id, s.id, s.kind, ?, ?, ?, ?, 'CLOSED'
					from pipeline_stages s join pipelines p on p.id = s.pipeline_id
					where p.is_default and s.kind = ? order by s.id limit 1
					returning id""")
			.params("Deal " + tag, account, new BigDecimal(amount), currency, today.minusDays(daysAgo), owner, kind)
			.query(Long.class)
			.single();
	}

	void conversations(long account, int n, int daysAgo) {
		jdbc.sql("""
				insert into interactions (account_id, kind, subject, occurred_at, source_module)
				select ?, 'CALL', 'Call ' || g, ?, 'core' from generate_series(1, ?) g
				""").params(account, Timestamp.from(now.minus(Duration.ofDays(daysAgo))), n).update();
	}

	long ticket(long account, String type, String status) {
		return jdbc
			.sql("""
					insert into tickets (number, subject, type, priority, status, channel, account_id, opened_at, queue_sort_at)
					values (?, 'Trouble', ?, 'NORMAL', ?, 'PHONE', ?, now(), now()) returning id""")
			.params("H-" + tag + "-" + ThreadLocalRandom.current().nextInt(1_000_000), type, status, account)
			.query(Long.class)
			.single();
	}

	void breach(long ticket, String metric, int daysAgo) {
		Timestamp at = Timestamp.from(now.minus(Duration.ofDays(daysAgo)));
		jdbc.sql("insert into sla_events (ticket_id, metric, kind, due_at, occurred_at) values (?, ?, 'BREACH', ?, ?)")
			.params(ticket, metric, at, at)
			.update();
	}

	void formSubmission(long contact, int daysAgo) {
		long form = jdbc.sql("""
				insert into lead_forms (name, slug, fields, thank_you) values (?, ?, '[]', 'Thanks') returning id""")
			.params("Form " + tag + ThreadLocalRandom.current().nextInt(1_000_000),
					"f-" + tag + "-" + ThreadLocalRandom.current().nextInt(1_000_000))
			.query(Long.class)
			.single();
		jdbc.sql("""
				insert into form_submissions (form_id, submitted_at, email, data, client_address, contact_id)
				values (?, ?, 'x@example.com', '{}', '127.0.0.1', ?)""")
			.params(form, Timestamp.from(now.minus(Duration.ofDays(daysAgo))), contact)
			.update();
	}

}
