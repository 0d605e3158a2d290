package org.opencrm.sales;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Inserts the rows sales reports read (teams, users, pipelines, deals, line items, leads)
 * with plain SQL: the entities for them belong to the pipeline feature, the reports only
 * read tables. Every name is made unique, because all tests of a JVM share one database.
 */
public final class SalesRows {

	private final JdbcClient jdbc;

	public SalesRows(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public static String unique() {
		StringBuilder s = new StringBuilder();
		for (int i = 0; i < 8; i++) {
			s.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
		}
		return s.toString();
	}

	public long team() {
		return jdbc.sql("insert into teams (name) values (?) returning id")
			.param("Team " + unique())
			.query(Long.class)
			.single();
	}

	public long user(String role, Long teamId) {
		String u = unique();
		return jdbc.sql("""
				insert into users (username, full_name, password_hash, role, team_id)
				values (?, ?, '{noop}unused', ?, ?) returning id
				""").params(role.toLowerCase() + "-" + u, "User " + u, role, teamId).query(Long.class).single();
	}

	public long account() {
		return jdbc.sql("insert into accounts (name, lifecycle_stage) values (?, 'CUSTOMER') returning id")
			.param("Account " + unique())
			.query(Long.class)
			.single();
	}

	public long contact(long accountId) {
		return jdbc.sql("""
				insert into contacts (account_id, first_name, last_name, lifecycle_stage)
				values (?, 'Pat', ?, 'CUSTOMER') returning id
				""").params(accountId, "Buyer" + unique()).query(Long.class).single();
	}

	/**
	 * A pipeline with stages Qualify 10 %, Propose 40 %, Negotiate 70 % (open), Won and
	 * Lost.
	 */
	public Stages pipeline() {
		long p = jdbc.sql("insert into pipelines (name) values (?) returning id")
			.param("Pipeline " + unique())
			.query(Long.class)
			.single();
		return new Stages(p, stage(p, "Qualify", 1, 10, "OPEN"), stage(p, "Propose", 2, 40, "OPEN"),
				stage(p, "Negotiate", 3, 70, "OPEN"), stage(p, "Won", 4, 100, "WON"), stage(p, "Lost", 5, 0, "LOST"));
	}

	private long stage(long pipeline, String name, int position, int probability, String kind) {
		return jdbc.sql("""
				insert into pipeline_stages (pipeline_id, name, position, probability, kind)
				values (?, ?, ?, ?, ?) returning id
				""").params(pipeline, name, position, probability, kind).query(Long.class).single();
	}

	public long product(String name, BigDecimal price, Integer repurchaseDays) {
		return jdbc.sql("""
				insert into products (name, sku, unit_price, currency, repurchase_interval_days)
				values (?, ?, ?, 'EUR', ?) returning id
				""").params(name, "SKU-" + unique(), price, repurchaseDays).query(Long.class).single();
	}

	public long lineItem(long opportunityId, long productId, String quantity, String unitPrice) {
		return jdbc.sql("""
				insert into opportunity_line_items (opportunity_id, product_id, position, quantity, unit_price)
				values (?, ?, (select count(*) from opportunity_line_items where opportunity_id = ?), ?, ?)
				returning id
				""")
			.params(opportunityId, productId, opportunityId, new BigDecimal(quantity), new BigDecimal(unitPrice))
			.query(Long.class)
			.single();
	}

	/**
	 * A lead owned by {@code ownerId}; {@code lastActivityAt} null: never touched since
	 * creation.
	 */
	public long lead(long ownerId, String status, Instant createdAt, Instant lastActivityAt) {
		return jdbc
			.sql("""
					insert into leads (first_name, last_name, company, source, status, owner_id, created_at, last_activity_at)
					values ('Lee', ?, 'Lead Co', 'WEB', ?, ?, ?, ?) returning id
					""")
			.params("Lead" + unique(), status, ownerId, Timestamp.from(createdAt),
					lastActivityAt == null ? null : Timestamp.from(lastActivityAt))
			.query(Long.class)
			.single();
	}

	public Deal deal(Stages stages, long ownerId, long accountId) {
		return new Deal(stages, ownerId, accountId);
	}

	public record Stages(long pipeline, long qualify, long propose, long negotiate, long won, long lost) {
	}

	/** An open deal in Qualify, 1 000 EUR, category PIPELINE, unless told otherwise. */
	public final class Deal {

		private final Stages stages;

		private final long ownerId;

		private final long accountId;

		private long stageId;

		private String status = "OPEN";

		private BigDecimal amount = new BigDecimal("1000");

		private String currency = "EUR";

		private LocalDate closeDate = LocalDate.of(2030, 12, 1);

		private String category = "PIPELINE";

		private Instant createdAt = Instant.parse("2030-09-01T00:00:00Z");

		private Instant closedAt;

		private String lostReason;

		private String source;

		private Long contactId;

		private Long partnerId;

		private Deal(Stages stages, long ownerId, long accountId) {
			this.stages = stages;
			this.ownerId = ownerId;
			this.accountId = accountId;
			this.stageId = stages.qualify();
		}

		public Deal open(long stageId, String category) {
			this.stageId = stageId;
			this.category = category;
			this.status = "OPEN";
			return this;
		}

		public Deal won(Instant at) {
			this.stageId = stages.won();
			this.status = "WON";
			this.category = "CLOSED";
			this.closedAt = at;
			this.closeDate = at.atZone(java.time.ZoneOffset.UTC).toLocalDate();
			return this;
		}

		public Deal lost(Instant at, String reason) {
			this.stageId = stages.lost();
			this.status = "LOST";
			this.category = "OMITTED";
			this.closedAt = at;
			this.closeDate = at.atZone(java.time.ZoneOffset.UTC).toLocalDate();
			this.lostReason = reason;
			return this;
		}

		public Deal amount(String amount) {
			this.amount = new BigDecimal(amount);
			return this;
		}

		public Deal currency(String currency) {
			this.currency = currency;
			return this;
		}

		public Deal closing(LocalDate closeDate) {
			this.closeDate = closeDate;
			return this;
		}

		public Deal created(Instant createdAt) {
			this.createdAt = createdAt;
			return this;
		}

		public Deal source(String source) {
			this.source = source;
			return this;
		}

		public Deal contact(long contactId) {
			this.contactId = contactId;
			return this;
		}

		public Deal partner(long partnerAccountId) {
			this.partnerId = partnerAccountId;
			return this;
		}

		public long insert() {
			return jdbc
				.sql("""
						insert into opportunities (name, account_id, primary_contact_id, pipeline_id, stage_id, status, amount,
						  currency, close_date, owner_id, forecast_category, lost_reason, source, partner_account_id,
						  sales_channel, closed_at, created_at)
						values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id
						""")
				.params("Deal " + unique(), accountId, contactId, stages.pipeline(), stageId, status, amount, currency,
						closeDate, ownerId, category, lostReason, source, partnerId,
						partnerId == null ? "DIRECT" : "PARTNER", closedAt == null ? null : Timestamp.from(closedAt),
						Timestamp.from(createdAt))
				.query(Long.class)
				.single();
		}

	}

}
