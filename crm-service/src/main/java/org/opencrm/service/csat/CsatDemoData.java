package org.opencrm.service.csat;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.opencrm.core.demo.DemoContext;
import org.opencrm.core.demo.DemoDataContributor;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Sixty answered and unanswered surveys over the past six months. Their ticket ids start
 * at 1,000,000 so they never collide with the demo desk's real tickets.
 */
@Component
@Order(57)
class CsatDemoData implements DemoDataContributor {

	static final long TICKET_ID_BASE = 1_000_000;

	private static final String[] SUBJECTS = { "Password reset link expired", "Invoice address wrong",
			"Parcel arrived damaged", "Refund not received", "Device does not turn on", "Error E42 after update",
			"Change delivery address", "Charged twice" };

	private static final String[] QUEUES = { "General", "Billing", "Technical" };

	private static final String[] COMMENTS = { "Quick and friendly, thank you!", "Took too long.",
			"Problem solved at the first try.", "Had to explain everything twice." };

	private final JdbcTemplate jdbc;

	private final Clock clock;

	CsatDemoData(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public void contribute(DemoContext ctx) {
		Random rnd = ctx.random();
		List<long[]> contacts = jdbc.query(
				"select id, account_id from contacts where email is not null order by id limit 200",
				(rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) });
		if (contacts.isEmpty()) {
			return;
		}
		Instant now = clock.instant();
		long[] agents = { ctx.user("agent"), ctx.user("agent2") };
		List<Object[]> rows = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			long[] c = contacts.get(rnd.nextInt(contacts.size()));
			Instant resolved = now.minus(Duration.ofHours(2 + rnd.nextInt(24 * 180)));
			boolean answered = rnd.nextInt(10) < 7;
			// agent2 does a little worse, so the report has something to show.
			int agent = rnd.nextInt(2);
			int rating = Math.min(5, Math.max(1, 3 + rnd.nextInt(3) - agent - (rnd.nextInt(6) == 0 ? 2 : 0)));
			Instant rated = resolved.plus(Duration.ofHours(1 + rnd.nextInt(48)));
			Timestamp ratedAt = answered ? Timestamp.from(rated) : null;
			rows.add(new Object[] { TICKET_ID_BASE + i, "T-" + (TICKET_ID_BASE + i),
					SUBJECTS[rnd.nextInt(SUBJECTS.length)], c[0], c[1], agents[agent],
					QUEUES[rnd.nextInt(QUEUES.length)], Timestamp.from(resolved), Timestamp.from(resolved),
					answered ? rating : null, ratedAt, ratedAt,
					answered && rnd.nextInt(3) == 0 ? COMMENTS[rnd.nextInt(COMMENTS.length)] : null });
		}
		jdbc.batchUpdate("""
				insert into csat_surveys (ticket_id, ticket_number, ticket_subject, contact_id, account_id, agent_id,
				                          queue_name, resolved_at, sent_at, rating, first_rated_at, rated_at, comment)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				""", rows);
	}

}
