package org.opencrm.marketing.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencrm.core.event.LeadOwnerChanged;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.user.Visibility;
import org.opencrm.test.MovableClock;
import org.opencrm.MarketingTestApplication.SentEvents;
import org.opencrm.core.event.LeadCreated;
import org.opencrm.core.event.LeadScored;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.marketing.EngagementRecorded;
import org.opencrm.marketing.scoring.ScoringRule.Field;
import org.opencrm.marketing.scoring.ScoringRule.Kind;
import org.opencrm.marketing.scoring.ScoringRule.Operator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest
class ScoringServiceTest {

	@Autowired
	ScoringService scoring;

	@Autowired
	LeadScoring leadScoring;

	@Autowired
	ScoringQueries queries;

	@Autowired
	MovableClock clock;

	@Autowired
	SentEvents sent;

	@Autowired
	JdbcClient jdbc;

	Instant start;

	@BeforeEach
	void aFreshModel() {
		start = clock.instant();
		jdbc.sql("delete from scoring_rules").update();
		var settings = queries.settings();
		scoring.updateSettings(50, 30, settings.version());
	}

	@AfterEach
	void backToTheStart() {
		clock.set(start);
	}

	@Test
	void theExplanationsItemsAddUpExactlyToTheScore() {
		profile("Software", Field.INDUSTRY, Operator.EQUALS, "software", 10);
		profile("Head of", Field.TITLE, Operator.CONTAINS, "head", 7);
		profile("100+ staff", Field.COMPANY_SIZE, Operator.AT_LEAST, "100", 15);
		profile("Germany", Field.COUNTRY, Operator.EQUALS, "Germany", 5);
		engagement("Opened", "OPENED", 3);
		engagement("Clicked", "CLICKED", 5);
		String email = email();
		Instant now = clock.instant();
		engage(email, "OPENED", now);
		engage(email, "OPENED", now.minus(Duration.ofDays(10)));
		engage(email, "OPENED", now.minus(Duration.ofDays(45)));
		engage(email, "CLICKED", now.minus(Duration.ofDays(30)));

		long lead = lead(email, "Head of IT", 150, null);

		LeadScore score = queries.explain(lead, Visibility.all());
		// Opens: 3 × (1 + 0.794 + 0.354) = 6.44 → 6; the click: 5 × ½ = 2.5 → 3.
		assertThat(score.items()).extracting(ScoreItem::label, ScoreItem::count, ScoreItem::points)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("Software", 1, 10),
					org.assertj.core.groups.Tuple.tuple("Head of", 1, 7),
					org.assertj.core.groups.Tuple.tuple("100+ staff", 1, 15),
					org.assertj.core.groups.Tuple.tuple("Opened", 3, 6),
					org.assertj.core.groups.Tuple.tuple("Clicked", 1, 3));
		assertThat(score.score()).isEqualTo(41).isEqualTo(score.items().stream().mapToInt(ScoreItem::points).sum());
	}

	@Test
	void engagementPointsHalveEveryHalfLifeInTheNightlyRun() {
		engagement("Clicked", "CLICKED", 40);
		String email = email();
		engage(email, "CLICKED", clock.instant());
		long lead = lead(email, null, null, null);
		assertThat(queries.explain(lead, Visibility.all()).score()).isEqualTo(40);

		clock.set(start.plus(Duration.ofDays(30)));
		assertThat(leadScoring.decayIfDue()).isTrue();
		assertThat(leadScoring.decayIfDue()).as("once a day, whichever node asks").isFalse();
		assertThat(queries.explain(lead, Visibility.all()).score()).isEqualTo(20);

		clock.set(start.plus(Duration.ofDays(60)));
		assertThat(leadScoring.decayIfDue()).isTrue();
		assertThat(queries.explain(lead, Visibility.all()).score()).isEqualTo(10);
	}

	@Test
	void crossingTheThresholdMakesAnMqlOnceWithOneTaskForTheOwner() {
		profile("Software", Field.INDUSTRY, Operator.EQUALS, "Software", 30);
		engagement("Form", "FORM_SUBMITTED", 25);
		long owner = jdbc.sql(
				"insert into users (username, full_name, password_hash, role) values (?, 'Olga Owner', 'x', 'SALES_REP') returning id")
			.param("owner-" + email())
			.query(Long.class)
			.single();
		String email = email();
		long lead = lead(email, null, null, owner);

		engage(email, "FORM_SUBMITTED", clock.instant());
		leadScoring.rescore(lead);
		// A second submission: another moment (the test clock stands still; the same
		// moment would be the same engagement delivered twice, counted once).
		engage(email, "FORM_SUBMITTED", clock.instant().minusNanos(1_000));

		assertThat(sent.scored).filteredOn(e -> e.leadId() == lead)
			.containsExactly(new LeadScored(lead, 30, false), new LeadScored(lead, 55, true),
					new LeadScored(lead, 80, true));
		LeadScore score = queries.explain(lead, Visibility.all());
		assertThat(score.mql()).isTrue();
		assertThat(score.mqlAt()).isEqualTo(clock.instant());
		assertThat(jdbc.sql("select assignee_id, title from tasks where related_ref = ?")
			.param("lead:" + lead)
			.query((rs, n) -> rs.getLong(1) + " " + rs.getString(2))
			// The title is the message task.mql.title in the owner's language; this
			// module's
			// tests have no message bundle, so it reads as the key (crm-web renders
			// English).
			.list()).containsExactly(owner + " task.mql.title");
	}

	@Test
	void badRulesAreRefused() {
		assertThatThrownBy(() -> scoring.createRule(new ScoringRuleCommand(Kind.PROFILE, "Size", Field.COMPANY_SIZE,
				Operator.AT_LEAST, "many", null, 5, true, 0)))
			.isInstanceOfSatisfying(RuleViolationException.class,
					ex -> assertThat(ex.code()).isEqualTo("scoring.invalid.number"));
		assertThatThrownBy(() -> scoring.createRule(
				new ScoringRuleCommand(Kind.PROFILE, "Title", Field.TITLE, Operator.AT_LEAST, "5", null, 5, true, 0)))
			.isInstanceOfSatisfying(RuleViolationException.class,
					ex -> assertThat(ex.code()).isEqualTo("scoring.invalid.operator"));
		assertThatThrownBy(() -> scoring
			.createRule(new ScoringRuleCommand(Kind.ENGAGEMENT, "Sent", null, null, null, "SENT", 5, true, 0)))
			.isInstanceOfSatisfying(RuleViolationException.class,
					ex -> assertThat(ex.code()).isEqualTo("scoring.invalid.engagement"));
		assertThatThrownBy(() -> scoring.updateSettings(0, 30, queries.settings().version()))
			.isInstanceOf(RuleViolationException.class);
	}

	@Test
	void aLeadsScoreIsSeenByWhoSeesTheLeadAndFollowsItsOwner() {
		long team = jdbc.sql("insert into teams (name) values (?) returning id")
			.param("Scoring " + email())
			.query(Long.class)
			.single();
		long rep = jdbc
			.sql("""
					insert into users (username, full_name, password_hash, role, team_id) values (?, 'Rep', '{noop}x', 'SALES_REP', ?)
					returning id
					""")
			.params(email(), team)
			.query(Long.class)
			.single();
		long outsider = jdbc
			.sql("""
					insert into users (username, full_name, password_hash, role) values (?, 'Outsider', '{noop}x', 'SALES_REP')
					returning id
					""")
			.param(email())
			.query(Long.class)
			.single();
		Visibility manager = new Visibility(Visibility.Scope.TEAM, -1, team);
		long lead = lead(email(), "CTO", 10, outsider);
		assertThatThrownBy(() -> queries.explain(lead, manager)).isInstanceOf(NotFoundException.class);
		assertThat(queries.leads(null, 1000, manager).items()).extracting(LeadScore::leadId).doesNotContain(lead);
		// Sales hands the lead to someone in the manager's team.
		leadScoring.leadOwnerChanged(new LeadOwnerChanged(lead, rep));
		assertThat(queries.explain(lead, manager).leadId()).isEqualTo(lead);
		assertThat(queries.leads(null, 1000, manager).items()).extracting(LeadScore::leadId).contains(lead);
	}

	private long lead(String email, String title, Integer size, Long owner) {
		long id = ThreadLocalRandom.current().nextLong(1, 1_000_000_000L);
		leadScoring.leadCreated(new LeadCreated(id, email, "web-form", null, "Acme", title, "Software", "France", size,
				owner, clock.instant()));
		return id;
	}

	private void engage(String email, String type, Instant at) {
		leadScoring.engaged(new EngagementRecorded(null, email, EngagementRecorded.Type.valueOf(type), null, at));
	}

	private void profile(String label, Field field, Operator op, String value, int points) {
		scoring.createRule(new ScoringRuleCommand(Kind.PROFILE, label, field, op, value, null, points, true, 0));
	}

	private void engagement(String label, String type, int points) {
		scoring.createRule(new ScoringRuleCommand(Kind.ENGAGEMENT, label, null, null, null, type, points, true, 0));
	}

	private static String email() {
		StringBuilder s = new StringBuilder();
		for (int i = 0; i < 8; i++) {
			s.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
		}
		return s + "@example.com";
	}

}
