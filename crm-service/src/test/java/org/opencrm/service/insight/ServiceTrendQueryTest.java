package org.opencrm.service.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencrm.test.MovableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Backlog, SLA compliance and CSAT trends per ISO week on a fixed set of tickets in
 * January 2029 (UTC): a team's agent, another agent working a ticket about the team's
 * customer, and one that isn't the team's at all. Figures by hand in the comments.
 */
@SpringBootTest(properties = "crm.scheduling.enabled=false")
class ServiceTrendQueryTest {

	@Autowired
	ServiceTrendQuery trends;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MovableClock clock;

	long team;

	@BeforeEach
	void givenTicketsInJanuary2029() {
		clock.set(Instant.parse("2030-03-15T10:00:00Z"));
		String tag = UUID.randomUUID().toString().substring(0, 8);
		team = jdbc.sql("insert into teams (name) values (?) returning id")
			.param("Trend " + tag)
			.query(Long.class)
			.single();
		long agent = user("agent" + tag, "SUPPORT_AGENT", team);
		long rep = user("rep" + tag, "SALES_REP", team);
		long outsider = user("other" + tag, "SUPPORT_AGENT", null);
		long customer = jdbc
			.sql("insert into accounts (name, lifecycle_stage, owner_id) values (?, 'CUSTOMER', ?) returning id")
			.params("Trend customer " + tag, rep)
			.query(Long.class)
			.single();

		// k1: first response and resolution in time; open at the end of week 1 only.
		ticket(agent, null, "RESOLVED", "2029-01-04T09:00", "2029-01-04T12:00", "2029-01-04T10:00", "2029-01-10T00:00",
				"2029-01-09T00:00");
		// k2: the outsider works the team's customer's ticket; first response missed,
		// still open.
		ticket(outsider, customer, "OPEN", "2029-01-09T09:00", "2029-01-09T12:00", null, null, null);
		// k3: neither the team's member nor its customer: in no figure.
		ticket(outsider, null, "OPEN", "2029-01-05T09:00", "2029-01-05T12:00", null, null, null);
		// k4: opened before the range, resolved on the 16th: backlog of weeks 1 and 2.
		ticket(agent, null, "RESOLVED", "2029-01-02T09:00", null, null, null, "2029-01-16T09:00");
		// k5: first response due after "now": not decided yet.
		ticket(agent, null, "OPEN", "2029-01-16T09:00", "2030-06-01T00:00", null, null, null);

		survey(agent, null, "2029-01-10T00:00", 4);
		survey(outsider, customer, "2029-01-11T00:00", 2);
		survey(outsider, null, "2029-01-12T00:00", 5);
		survey(agent, null, "2029-01-13T00:00", null);
	}

	@Test
	void backlogAndSlaPerWeekClippedToTheRange() {
		var weeks = trends.backlogAndSla(LocalDate.of(2029, 1, 3), LocalDate.of(2029, 1, 20), Granularity.WEEK, team,
				ZoneOffset.UTC);

		assertThat(weeks)
			.extracting(ServicePeriod::periodStart, ServicePeriod::from, ServicePeriod::to, ServicePeriod::openAtEnd,
					ServicePeriod::firstResponseJudged, ServicePeriod::firstResponseMet,
					ServicePeriod::firstResponsePercent, ServicePeriod::resolutionJudged, ServicePeriod::resolutionMet,
					ServicePeriod::resolutionPercent)
			.containsExactly(
					// k1 and k4 open on Monday the 8th; k1 met both targets.
					tuple(day(1), day(3), day(7), 2L, 1L, 1L, new BigDecimal("100.0"), 1L, 1L, new BigDecimal("100.0")),
					// k2 and k4 open on the 15th; k2's first response missed, no
					// resolution target decided.
					tuple(day(8), day(8), day(14), 2L, 1L, 0L, new BigDecimal("0.0"), 0L, 0L, null),
					// k2 and k5 open at the end of the 20th; k5 not decided.
					tuple(day(15), day(15), day(20), 2L, 0L, 0L, null, 0L, 0L, null));
	}

	@Test
	void csatAveragesTheTeamsAnswersPerMonth() {
		var months = trends.csat(LocalDate.of(2029, 1, 1), LocalDate.of(2029, 2, 28), Granularity.MONTH, team,
				ZoneOffset.UTC);

		assertThat(months).extracting(CsatPeriod::from, CsatPeriod::surveys, CsatPeriod::responses, CsatPeriod::average)
			.containsExactly(tuple(day(1), 3L, 2L, new BigDecimal("3.00")),
					tuple(LocalDate.of(2029, 2, 1), 0L, 0L, null));
	}

	private static LocalDate day(int january) {
		return LocalDate.of(2029, 1, january);
	}

	private long user(String username, String role, Long teamId) {
		return jdbc
			.sql("""
					insert into users (username, full_name, password_hash, role, team_id) values (?, ?, 'x', ?, ?) returning id
					""")
			.params(username, username, role, teamId)
			.query(Long.class)
			.single();
	}

	private static Timestamp at(String local) {
		return local == null ? null : Timestamp.from(Instant.parse(local + ":00Z"));
	}

	private void ticket(long assignee, Long account, String status, String opened, String firstResponseDue,
			String firstResponded, String resolutionDue, String resolved) {
		jdbc.sql(
				"""
						insert into tickets (number, subject, type, priority, status, channel, assignee_id, account_id, opened_at,
						  first_response_due_at, first_responded_at, resolution_due_at, resolved_at, queue_sort_at)
						values (?, 'Trend', 'SERVICE_REQUEST', 'NORMAL', ?, 'EMAIL', ?, ?, ?, ?, ?, ?, ?, ?)
						""")
			.params("TR-" + UUID.randomUUID().toString().substring(0, 12), status, assignee, account, at(opened),
					at(firstResponseDue), at(firstResponded), at(resolutionDue), at(resolved), at(opened))
			.update();
	}

	private void survey(long agent, Long account, String resolved, Integer rating) {
		jdbc.sql("""
				insert into csat_surveys (ticket_id, agent_id, account_id, resolved_at, rating, first_rated_at)
				values (?, ?, ?, ?, ?, ?)
				""")
			.params(Math.abs(UUID.randomUUID().getMostSignificantBits()), agent, account, at(resolved), rating,
					rating == null ? null : at(resolved))
			.update();
	}

}
