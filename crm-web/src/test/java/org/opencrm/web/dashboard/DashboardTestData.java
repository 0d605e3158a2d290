package org.opencrm.web.dashboard;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A fixed data set for the manager dashboard, isolated from the demo data: a new team (a
 * manager, two reps, an agent), its own pipeline, deals, quota, tickets, CSAT surveys,
 * and two campaigns with sends and attributed deals in {@code year} (a past year no one
 * else uses). Rows go in with plain SQL: they belong to other modules' features; the
 * dashboard only reads them.
 */
final class DashboardTestData {

	final JdbcClient jdbc;

	final ZoneId zone;

	final int year;

	final String tag = unique();

	long team;

	String managerName;

	long manager;

	long repA;

	long repB;

	long agent;

	long pipeline;

	long qualify;

	long propose;

	long wonStage;

	long lostStage;

	long account;

	long campaign1;

	long campaign2;

	DashboardTestData(JdbcClient jdbc, ZoneId zone, int year) {
		this.jdbc = jdbc;
		this.zone = zone;
		this.year = year;
	}

	static String unique() {
		StringBuilder s = new StringBuilder();
		for (int i = 0; i < 8; i++) {
			s.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
		}
		return s.toString();
	}

	String name(String what) {
		return what + " " + tag;
	}

	Timestamp at(int month, int day, int hour, int minute) {
		return Timestamp.from(LocalDateTime.of(year, month, day, hour, minute).atZone(zone).toInstant());
	}

	DashboardTestData teamAndPipeline() {
		team = jdbc.sql("insert into teams (name) values (?) returning id")
			.param(name("Dash team"))
			.query(Long.class)
			.single();
		managerName = "dash" + tag + "mgr";
		manager = user(managerName, "MANAGER", team);
		repA = user("dash" + tag + "a", "SALES_REP", team);
		repB = user("dash" + tag + "b", "SALES_REP", team);
		agent = user("dash" + tag + "agent", "SUPPORT_AGENT", team);
		pipeline = jdbc.sql("insert into pipelines (name) values (?) returning id")
			.param(name("Dash pipeline"))
			.query(Long.class)
			.single();
		qualify = stage("Qualify", 1, 20, "OPEN");
		propose = stage("Propose", 2, 50, "OPEN");
		wonStage = stage("Won", 3, 100, "WON");
		lostStage = stage("Lost", 4, 0, "LOST");
		account = account(repA);
		return this;
	}

	long user(String username, String role, Long teamId) {
		return jdbc.sql("""
				insert into users (username, full_name, email, password_hash, role, team_id)
				values (?, ?, ?, 'not-a-hash', ?, ?) returning id
				""")
			.params(username, "Dash " + username, username + "@dash.example", role, teamId)
			.query(Long.class)
			.single();
	}

	private long stage(String stageName, int position, int probability, String kind) {
		return jdbc.sql("""
				insert into pipeline_stages (pipeline_id, name, position, probability, kind)
				values (?, ?, ?, ?, ?) returning id
				""").params(pipeline, stageName, position, probability, kind).query(Long.class).single();
	}

	long account(long owner) {
		return jdbc.sql("insert into accounts (name, lifecycle_stage, owner_id) values (?, 'CUSTOMER', ?) returning id")
			.params(name("Dash account " + unique()), owner)
			.query(Long.class)
			.single();
	}

	long openDeal(String dealName, long stage, long owner, String amount, String currency, LocalDate closeDate) {
		return deal(dealName, stage, "OPEN", "COMMIT", owner, amount, currency, closeDate, null);
	}

	long closedDeal(String dealName, boolean won, long owner, String amount, Timestamp closedAt) {
		return deal(dealName, won ? wonStage : lostStage, won ? "WON" : "LOST", "CLOSED", owner, amount, "EUR",
				closedAt.toInstant().atZone(zone).toLocalDate(), closedAt);
	}

	long deal(String dealName, long stage, String status, String category, long owner, String amount, String currency,
			LocalDate closeDate, Timestamp closedAt) {
		return jdbc
			.sql("""
					insert into opportunities (name, account_id, pipeline_id, stage_id, status, amount, currency, close_date,
					  owner_id, forecast_category, closed_at, lost_reason)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id
					""")
			.params(name(dealName), account, pipeline, stage, status, new BigDecimal(amount), currency, closeDate,
					owner, category, closedAt, "LOST".equals(status) ? "Price" : null)
			.query(Long.class)
			.single();
	}

	void quota(long user, LocalDate quarterStart, String amount) {
		jdbc.sql(
				"""
						insert into quotas (user_id, period_type, period_start, amount, currency) values (?, 'QUARTER', ?, ?, 'EUR')
						""")
			.params(user, quarterStart, new BigDecimal(amount))
			.update();
	}

	/** A ticket assigned to {@code assignee}; null times are left empty. */
	long ticket(String subject, long assignee, String status, Timestamp openedAt, Timestamp firstResponseDue,
			Timestamp firstRespondedAt, Timestamp resolutionDue, Timestamp resolvedAt, Timestamp closedAt) {
		return ticket(subject, assignee, null, status, openedAt, firstResponseDue, firstRespondedAt, resolutionDue,
				resolvedAt, closedAt);
	}

	long ticket(String subject, long assignee, Long accountId, String status, Timestamp openedAt,
			Timestamp firstResponseDue, Timestamp firstRespondedAt, Timestamp resolutionDue, Timestamp resolvedAt,
			Timestamp closedAt) {
		return jdbc
			.sql("""
					insert into tickets (number, subject, type, priority, status, channel, assignee_id, account_id, opened_at,
					  first_response_due_at, first_responded_at, resolution_due_at, resolved_at, closed_at, queue_sort_at)
					values (?, ?, 'SERVICE_REQUEST', 'NORMAL', ?, 'EMAIL', ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id
					""")
			.params("D" + unique().substring(0, 7) + ThreadLocalRandom.current().nextInt(100_000), name(subject),
					status, assignee, accountId, openedAt, firstResponseDue, firstRespondedAt, resolutionDue,
					resolvedAt, closedAt, resolutionDue != null ? resolutionDue : openedAt)
			.query(Long.class)
			.single();
	}

	void survey(long agentId, Timestamp resolvedAt, Integer rating) {
		survey(agentId, null, resolvedAt, rating);
	}

	void survey(long agentId, Long accountId, Timestamp resolvedAt, Integer rating) {
		jdbc.sql(
				"""
						insert into csat_surveys (ticket_id, agent_id, account_id, resolved_at, rating, first_rated_at, rated_at)
						values (?, ?, ?, ?, ?, ?, ?)
						""")
			.params(ThreadLocalRandom.current().nextLong(1_000_000_000L, Long.MAX_VALUE), agentId, accountId,
					resolvedAt, rating, rating == null ? null : resolvedAt, rating == null ? null : resolvedAt)
			.update();
	}

	long campaign(String campaignName) {
		return jdbc.sql("insert into campaigns (name, type, status) values (?, 'EMAIL', 'SENT') returning id")
			.param(name(campaignName))
			.query(Long.class)
			.single();
	}

	void send(long campaign, String status, Timestamp sentAt, boolean opened, boolean clicked) {
		long template = jdbc.sql("""
				insert into email_templates (name, subject, html_body, text_body) values (?, 's', 'h', 't') returning id
				""").param(name("Dash template " + unique())).query(Long.class).single();
		jdbc.sql(
				"""
						insert into email_sends (campaign_id, template_id, email, message_id, status, sent_at, opened_at, clicked_at)
						values (?, ?, ?, ?, ?, ?, ?, ?)
						""")
			.params(campaign, template, unique() + "@dash.example", "<" + unique() + "@dash>", status, sentAt,
					opened ? sentAt : null, clicked ? sentAt : null)
			.update();
	}

	void attribution(String amount, String currency, LocalDate wonOn, Long firstCampaign, Long lastCampaign) {
		jdbc.sql(
				"""
						insert into campaign_attributions (opportunity_id, account_id, amount, currency, won_on, first_campaign_id,
						  last_campaign_id)
						values (?, ?, ?, ?, ?, ?, ?)
						""")
			.params(ThreadLocalRandom.current().nextLong(1_000_000_000L, Long.MAX_VALUE), account,
					new BigDecimal(amount), currency, wonOn, firstCampaign, lastCampaign)
			.update();
	}

	void health(long accountId, int score, Integer previous, String band) {
		jdbc.sql("""
				insert into customer_health (account_id, score, previous_score, band, rfm_segment, computed_at)
				values (?, ?, ?, ?, 'AT_RISK', ?)
				""").params(accountId, score, previous, band, Timestamp.from(Instant.now())).update();
	}

}
