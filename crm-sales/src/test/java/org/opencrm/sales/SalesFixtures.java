package org.opencrm.sales;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.opencrm.sales.lead.LeadCommand;
import org.opencrm.sales.opportunity.OpportunityCommand;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Test records for sales: users in teams, a pipeline of its own, customers, leads and
 * deals.
 */
public final class SalesFixtures {

	private SalesFixtures() {
	}

	/**
	 * Letters only, so full-text and trigram matching treat it as one word; tests share
	 * one database.
	 */
	public static String unique() {
		StringBuilder s = new StringBuilder();
		for (int i = 0; i < 8; i++) {
			s.append((char) ('a' + java.util.concurrent.ThreadLocalRandom.current().nextInt(26)));
		}
		return s.toString();
	}

	public record TestPipeline(long id, long qualify, long propose, long won, long lost) {
	}

	public static long team(JdbcClient jdbc) {
		return jdbc.sql("insert into teams (name) values (?) returning id")
			.param("Team " + unique())
			.query(Long.class)
			.single();
	}

	public static long user(JdbcClient jdbc, String role, Long teamId) {
		String u = unique();
		return jdbc
			.sql("""
					insert into users (username, full_name, password_hash, role, team_id) values (?, ?, '{noop}x', ?, ?) returning id
					""")
			.params("u" + u, "User " + u, role, teamId)
			.query(Long.class)
			.single();
	}

	/** A non-default pipeline with two open stages, a won and a lost one. */
	public static TestPipeline pipeline(JdbcClient jdbc) {
		long p = jdbc.sql("insert into pipelines (name) values (?) returning id")
			.param("Pipe " + unique())
			.query(Long.class)
			.single();
		long q = stage(jdbc, p, "Qualify", 1, 20, "OPEN");
		long pr = stage(jdbc, p, "Propose", 2, 60, "OPEN");
		long w = stage(jdbc, p, "Won", 3, 100, "WON");
		long l = stage(jdbc, p, "Lost", 4, 0, "LOST");
		return new TestPipeline(p, q, pr, w, l);
	}

	private static long stage(JdbcClient jdbc, long p, String name, int pos, int prob, String kind) {
		return jdbc.sql(
				"insert into pipeline_stages (pipeline_id, name, position, probability, kind) values (?, ?, ?, ?, ?) returning id")
			.params(p, name, pos, prob, kind)
			.query(Long.class)
			.single();
	}

	public static long account(JdbcClient jdbc, String name) {
		return jdbc.sql("insert into accounts (name, lifecycle_stage) values (?, 'LEAD') returning id")
			.param(name)
			.query(Long.class)
			.single();
	}

	public static long contact(JdbcClient jdbc, long accountId, String first, String last, String email) {
		return jdbc.sql(
				"insert into contacts (account_id, first_name, last_name, email, lifecycle_stage) values (?, ?, ?, ?, 'LEAD') returning id")
			.params(accountId, first, last, email)
			.query(Long.class)
			.single();
	}

	public static LeadCommand lead(String first, String last, String email, String company, Long owner) {
		return new LeadCommand(first, last, email, null, company, null, null, null, null, "manual", null, null, owner,
				0);
	}

	public static OpportunityCommand deal(String name, long accountId, TestPipeline p, long stageId, long owner,
			BigDecimal amount) {
		return new OpportunityCommand(name, accountId, null, p.id(), stageId, amount, "EUR",
				LocalDate.ofInstant(org.opencrm.SalesTestApplication.NOW, java.time.ZoneOffset.UTC).plusDays(30), owner,
				null, null, null, null, null, null, null, List.of(), 0);
	}

}
