package org.opencrm.service.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencrm.service.ServiceTestData.unique;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencrm.core.report.ReportFilter;
import org.opencrm.core.report.ReportRow;
import org.opencrm.core.report.Reports;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.Role;
import org.opencrm.core.user.Visibility;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Tickets of two agents of one team (Ann, Bob) and one of another (Cat) around March
 * 2031; the reports run over 1–31 March (UTC). Every expected figure is worked out in the
 * comments.
 */
@SpringBootTest
class TicketReportsTest {

	static final CrmUser ADMIN = new CrmUser(0, "admin", "Admin", Role.ADMIN, null, null, true);

	@Autowired
	Reports reports;

	@Autowired
	JdbcClient jdbc;

	long team;

	long ann;

	long bob;

	long cat;

	String prefix;

	@BeforeEach
	void givenTicketsAroundMarch() {
		prefix = "R" + unique().substring(0, 5).toUpperCase();
		team = jdbc.sql("insert into teams (name) values (?) returning id")
			.param("Desk " + unique())
			.query(Long.class)
			.single();
		ann = agent(team);
		bob = agent(team);
		long other = jdbc.sql("insert into teams (name) values (?) returning id")
			.param("Desk " + unique())
			.query(Long.class)
			.single();
		cat = agent(other);

		// Ann's high incidents: resolved in 2 h and 4 h within target, in 24 h past its 8
		// h target, and one
		// still open with a breach the SLA monitor recorded.
		long first = ticket(1, "INCIDENT", "HIGH", ann, "2031-03-02T10:00", "2031-03-02T12:00", null, null,
				"2031-03-02T14:00");
		ticket(2, "INCIDENT", "HIGH", ann, "2031-03-03T10:00", "2031-03-03T14:00", null, null, "2031-03-03T18:00");
		ticket(3, "INCIDENT", "HIGH", ann, "2031-03-04T10:00", "2031-03-05T10:00", null, null, "2031-03-04T18:00");
		long breached = ticket(4, "INCIDENT", "HIGH", ann, "2031-03-05T10:00", null, null, null, "2031-03-05T18:00");
		jdbc.sql("""
				insert into sla_events (ticket_id, metric, kind, due_at, occurred_at)
				values (?, 'RESOLUTION', 'BREACH', '2031-03-05T18:00Z', '2031-03-05T18:01Z')
				""").param(breached).update();
		// Bob's complaints: one opened in February and resolved on 1 March after 96 h
		// (its late first
		// reply is February's breach, not March's); one opened in March, first reply 2 h
		// late, resolved in April.
		ticket(5, "COMPLAINT", "NORMAL", bob, "2031-02-25T10:00", "2031-03-01T10:00", "2031-02-25T13:00",
				"2031-02-25T11:00", null);
		ticket(6, "COMPLAINT", "NORMAL", bob, "2031-03-10T10:00", "2031-04-02T10:00", "2031-03-10T13:00",
				"2031-03-10T11:00", null);
		// Ann: a question half an hour before the range ends (in), one at midnight after
		// it (out).
		ticket(7, "INFORMATION_REQUEST", "LOW", ann, "2031-03-31T23:30", null, null, null, null);
		ticket(8, "INFORMATION_REQUEST", "LOW", ann, "2031-04-01T00:00", null, null, null, null);
		// A duplicate merged into the first: left out.
		long merged = ticket(9, "INCIDENT", "HIGH", ann, "2031-03-06T10:00", "2031-03-06T10:05", null, null, null);
		jdbc.sql("update tickets set merged_into_id = ? where id = ?").params(first, merged).update();
		// Cat, another team.
		ticket(10, "INCIDENT", "URGENT", cat, "2031-03-02T10:00", "2031-03-02T11:00", null, null, null);
	}

	@Test
	void openedResolvedMedianP90AndBreachesPerTypePriorityAndAgentMatchTheHandComputedFigures() {
		List<ReportRow> rows = run("tickets-by-type",
				new ReportFilter(day("2031-03-01"), day("2031-03-31"), team, null));

		assertThat(rows).hasSize(4);
		// Bob's complaints: 1 opened (breached), 1 resolved in 96 h.
		assertRow(rows.get(0), "COMPLAINT", "NORMAL", name(bob), 1, 1, hours(96), hours(96), 1);
		// Ann's incidents: 4 opened, 3 resolved in 2, 4, 24 h: median 4 h; p90 at 0.9 × 2
		// = 1.8 → 4 + 0.8 × 20 = 20 h.
		assertRow(rows.get(1), "INCIDENT", "HIGH", name(ann), 4, 3, hours(4), hours(20), 2);
		assertRow(rows.get(2), "INFORMATION_REQUEST", "LOW", name(ann), 1, 0, null, null, 0);
		// Total: 6 opened, 4 resolved in 2, 4, 24, 96 h: median (4 + 24) / 2 = 14 h; p90
		// at 0.9 × 3 = 2.7 →
		// 24 + 0.7 × 72 = 74.4 h; 3 breaches.
		ReportRow total = rows.get(3);
		assertThat(total.total()).isTrue();
		assertRow(total, null, null, null, 6, 4, hours(14), Duration.ofMinutes(74 * 60 + 24), 3);
	}

	@Test
	void theAgentFilterAndTheDatesNarrowTheTickets() {
		List<ReportRow> bobs = run("tickets-by-type",
				new ReportFilter(day("2031-03-01"), day("2031-03-31"), null, bob));
		assertThat(bobs).hasSize(2);
		assertThat(bobs.get(0).get(2)).isEqualTo(name(bob));

		// 2–3 March: Ann's first two incidents opened and resolved.
		List<ReportRow> early = run("tickets-by-type",
				new ReportFilter(day("2031-03-02"), day("2031-03-03"), team, null));
		assertRow(early.get(0), "INCIDENT", "HIGH", name(ann), 2, 2, hours(3), Duration.ofMinutes(3 * 60 + 48), 0);
	}

	@Test
	void theDetailExportHasOneRowPerTicketOpenedInTheRangeOldestFirst() {
		List<ReportRow> rows = run("ticket-details",
				new ReportFilter(day("2031-03-01"), day("2031-03-31"), team, null));

		assertThat(rows).extracting(r -> r.get(0))
			.containsExactly(prefix + "-1", prefix + "-2", prefix + "-3", prefix + "-4", prefix + "-6", prefix + "-7");
		ReportRow first = rows.get(0);
		assertThat(first.get(1)).isEqualTo("Subject 1");
		assertThat(first.get(2)).isEqualTo("INCIDENT");
		assertThat(first.get(7)).isEqualTo(name(ann));
		assertThat(first.get(9)).isEqualTo(day("2031-03-02"));
		assertThat(first.get(10)).isEqualTo(day("2031-03-02"));
		assertThat(first.get(12)).isEqualTo(hours(2));
		ReportRow late = rows.get(4);
		assertThat(late.get(11)).as("first response").isEqualTo(hours(3));
		assertThat(late.get(12)).as("resolved in April").isEqualTo(Duration.ofDays(23));
	}

	private List<ReportRow> run(String key, ReportFilter filter) {
		List<ReportRow> rows = new ArrayList<>();
		reports.stream(reports.get(key, ADMIN), reports.resolve(filter), Visibility.all(), rows::add);
		return rows;
	}

	private static void assertRow(ReportRow row, String type, String priority, String agent, long opened, long resolved,
			Duration median, Duration p90, long breaches) {
		assertThat(row.get(0)).isEqualTo(type);
		assertThat(row.get(1)).isEqualTo(priority);
		assertThat(row.get(2)).isEqualTo(agent);
		assertThat(row.get(3)).as("opened").isEqualTo(opened);
		assertThat(row.get(4)).as("resolved").isEqualTo(resolved);
		assertThat(row.get(5)).as("median").isEqualTo(median);
		assertThat(row.get(6)).as("p90").isEqualTo(p90);
		assertThat(row.get(7)).as("breaches").isEqualTo(breaches);
	}

	private long agent(long teamId) {
		String u = unique();
		return jdbc.sql("""
				insert into users (username, full_name, password_hash, role, team_id)
				values (?, ?, '{noop}unused', 'SUPPORT_AGENT', ?) returning id
				""").params("agent" + u, "Agent " + u, teamId).query(Long.class).single();
	}

	private String name(long user) {
		return jdbc.sql("select full_name from users where id = ?").param(user).query(String.class).single();
	}

	private long ticket(int n, String type, String priority, long assignee, String opened, String resolved,
			String firstResponded, String firstResponseDue, String resolutionDue) {
		return jdbc
			.sql("""
					insert into tickets (number, subject, type, priority, status, channel, assignee_id, opened_at, resolved_at,
					                     first_responded_at, first_response_due_at, resolution_due_at, queue_sort_at)
					values (?, ?, ?, ?, ?, 'EMAIL', ?, ?, ?, ?, ?, ?, ?) returning id
					""")
			.params(prefix + "-" + n, "Subject " + n, type, priority, resolved == null ? "OPEN" : "RESOLVED", assignee,
					ts(opened), ts(resolved), ts(firstResponded), ts(firstResponseDue), ts(resolutionDue), ts(opened))
			.query(Long.class)
			.single();
	}

	private static Timestamp ts(String minute) {
		return minute == null ? null : Timestamp.from(Instant.parse(minute + ":00Z"));
	}

	private static Duration hours(long h) {
		return Duration.ofHours(h);
	}

	private static LocalDate day(String d) {
		return LocalDate.parse(d);
	}

}
