package org.opencrm.web.sales;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Inserts the sales rows the insight pages read (pipelines, deals, line items, leads)
 * with plain SQL: their entities belong to the pipeline feature; these pages only read
 * the tables.
 */
final class SalesTestRows {

	private final JdbcClient jdbc;

	SalesTestRows(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	static String unique() {
		StringBuilder s = new StringBuilder();
		for (int i = 0; i < 8; i++) {
			s.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
		}
		return s.toString();
	}

	long userId(String username) {
		return jdbc.sql("select id from users where username = ?").param(username).query(Long.class).single();
	}

	long account() {
		return jdbc.sql("insert into accounts (name, lifecycle_stage) values (?, 'CUSTOMER') returning id")
			.param("Insight Account " + unique())
			.query(Long.class)
			.single();
	}

	/**
	 * A pipeline with one open stage at 50 % and its won and lost stages: {open, won,
	 * lost, pipeline}.
	 */
	long[] pipeline() {
		long p = jdbc.sql("insert into pipelines (name) values (?) returning id")
			.param("Insight " + unique())
			.query(Long.class)
			.single();
		return new long[] { stage(p, "Propose", 1, 50, "OPEN"), stage(p, "Won", 2, 100, "WON"),
				stage(p, "Lost", 3, 0, "LOST"), p };
	}

	private long stage(long pipeline, String name, int position, int probability, String kind) {
		return jdbc.sql("""
				insert into pipeline_stages (pipeline_id, name, position, probability, kind)
				values (?, ?, ?, ?, ?) returning id
				""").params(pipeline, name, position, probability, kind).query(Long.class).single();
	}

	long openDeal(long[] pipeline, long owner, long account, String amount, LocalDate closeDate) {
		return deal(pipeline, pipeline[0], "OPEN", "COMMIT", owner, account, amount, closeDate, null);
	}

	long wonDeal(long[] pipeline, long owner, long account, String amount, Instant closedAt) {
		return deal(pipeline, pipeline[1], "WON", "CLOSED", owner, account, amount,
				closedAt.atZone(java.time.ZoneOffset.UTC).toLocalDate(), closedAt);
	}

	private long deal(long[] pipeline, long stage, String status, String category, long owner, long account,
			String amount, LocalDate closeDate, Instant closedAt) {
		return jdbc
			.sql("""
					insert into opportunities (name, account_id, pipeline_id, stage_id, status, amount, currency, close_date,
					  owner_id, forecast_category, closed_at, source)
					values (?, ?, ?, ?, ?, ?, 'EUR', ?, ?, ?, ?, 'WEB') returning id
					""")
			.params("Insight Deal " + unique(), account, pipeline[3], stage, status, new BigDecimal(amount), closeDate,
					owner, category, closedAt == null ? null : Timestamp.from(closedAt))
			.query(Long.class)
			.single();
	}

	long product(String name) {
		return jdbc.sql("""
				insert into products (name, sku, unit_price, currency) values (?, ?, 10, 'EUR') returning id
				""").params(name, "INS-" + unique()).query(Long.class).single();
	}

	void lineItem(long deal, long product, String quantity) {
		jdbc.sql("""
				insert into opportunity_line_items (opportunity_id, product_id, position, quantity, unit_price)
				values (?, ?, 0, ?, 10)
				""").params(deal, product, new BigDecimal(quantity)).update();
	}

	long staleLead(long owner, Instant createdAt) {
		return jdbc.sql("""
				insert into leads (last_name, company, source, status, owner_id, created_at)
				values (?, 'Cold Co', 'WEB', 'NEW', ?, ?) returning id
				""").params("Cold" + unique(), owner, Timestamp.from(createdAt)).query(Long.class).single();
	}

	long task(long assignee, Instant due, Long accountId) {
		return jdbc.sql("insert into tasks (title, due_at, assignee_id, account_id) values (?, ?, ?, ?) returning id")
			.params("Insight task " + unique(), Timestamp.from(due), assignee, accountId)
			.query(Long.class)
			.single();
	}

}
