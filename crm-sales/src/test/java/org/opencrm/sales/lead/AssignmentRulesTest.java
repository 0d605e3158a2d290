package org.opencrm.sales.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencrm.sales.SalesFixtures.unique;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.shared.StaleEditException;
import org.opencrm.core.user.Visibility;
import org.opencrm.sales.SalesFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest
class AssignmentRulesTest {

	@Autowired
	AssignmentRules rules;

	@Autowired
	LeadService leads;

	@Autowired
	JdbcClient jdbc;

	private LeadCommand leadFrom(String country, String industry, String source) {
		return new LeadCommand("Ann", "Lead" + unique(), null, null, "Co", null, industry, country, null, source, null,
				null, null, 0);
	}

	private Long ownerOf(long leadId) {
		return jdbc.sql("select owner_id from leads where id = ?")
			.param(leadId)
			.query((rs, n) -> new Long[] { rs.getObject(1, Long.class) })
			.single()[0];
	}

	@Test
	void aNewLeadWithoutOwnerGoesToTheFirstRuleMatchingCountryAndIndustry() {
		String country = "Land" + unique();
		long germanyRep = SalesFixtures.user(jdbc, "SALES_REP", null);
		long softwareRep = SalesFixtures.user(jdbc, "SALES_REP", null);
		rules.create(new AssignmentRuleCommand("Software in " + country, true, country, "Software", null, softwareRep,
				null, 0));
		rules.create(new AssignmentRuleCommand("All of " + country, true, country, null, null, germanyRep, null, 0));

		long software = leads.create(leadFrom(country.toUpperCase(), "software", "manual"), Visibility.all());
		long retail = leads.create(leadFrom(country, "Retail", "manual"), Visibility.all());
		long elsewhere = leads.create(leadFrom("Nowhere" + unique(), "Software", "manual"), Visibility.all());

		assertThat(ownerOf(software)).isEqualTo(softwareRep);
		assertThat(ownerOf(retail)).isEqualTo(germanyRep);
		assertThat(ownerOf(elsewhere)).isNull();
	}

	@Test
	void aConditionMayHoldSeveralValuesAndMatchesAnyOfThem() {
		String a = "Alpha" + unique();
		String b = "Beta" + unique();
		long rep = SalesFixtures.user(jdbc, "SALES_REP", null);
		long id = rules
			.create(new AssignmentRuleCommand("Several", true, " " + a + " ,, " + b + " ,", null, null, rep, null, 0));

		long first = leads.create(leadFrom(a, null, "manual"), Visibility.all());
		long second = leads.create(leadFrom(b.toLowerCase(), null, "manual"), Visibility.all());
		long neither = leads.create(leadFrom(a + b, null, "manual"), Visibility.all());

		assertThat(ownerOf(first)).isEqualTo(rep);
		assertThat(ownerOf(second)).isEqualTo(rep);
		assertThat(ownerOf(neither)).isNull();
		assertThat(jdbc.sql("select match_country from lead_assignment_rules where id = ?")
			.param(id)
			.query(String.class)
			.single()).isEqualTo(a + ", " + b);
	}

	@Test
	void anInactiveRuleIsSkippedAndAGivenOwnerWins() {
		String country = "Land" + unique();
		long rep = SalesFixtures.user(jdbc, "SALES_REP", null);
		long other = SalesFixtures.user(jdbc, "SALES_REP", null);
		rules.create(new AssignmentRuleCommand("Off", false, country, null, null, rep, null, 0));

		long unmatched = leads.create(leadFrom(country, null, "manual"), Visibility.all());
		LeadCommand withOwner = new LeadCommand(null, "Given" + unique(), null, null, null, null, null, country, null,
				"manual", null, null, other, 0);
		long given = leads.create(withOwner, Visibility.all());

		assertThat(ownerOf(unmatched)).isNull();
		assertThat(ownerOf(given)).isEqualTo(other);
	}

	@Test
	void roundRobinSpreadsLeadsEvenlyOverTheTeam() {
		String source = "src" + unique();
		long team = SalesFixtures.team(jdbc);
		List<Long> members = List.of(SalesFixtures.user(jdbc, "SALES_REP", team),
				SalesFixtures.user(jdbc, "SALES_REP", team), SalesFixtures.user(jdbc, "MANAGER", team));
		SalesFixtures.user(jdbc, "SUPPORT_AGENT", team);
		rules.create(new AssignmentRuleCommand("RR", true, null, null, source, null, team, 0));

		List<Long> owners = new ArrayList<>();
		for (int i = 0; i < 9; i++) {
			owners.add(ownerOf(leads.create(leadFrom(null, null, source), Visibility.all())));
		}

		Map<Long, Long> counts = owners.stream()
			.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
		assertThat(counts).containsOnlyKeys(members).allSatisfy((user, n) -> assertThat(n).isEqualTo(3L));
	}

	@Test
	void concurrentCreationsStillTakeTurns() throws Exception {
		String source = "par" + unique();
		long team = SalesFixtures.team(jdbc);
		List<Long> members = List.of(SalesFixtures.user(jdbc, "SALES_REP", team),
				SalesFixtures.user(jdbc, "SALES_REP", team));
		rules.create(new AssignmentRuleCommand("RR parallel", true, null, null, source, null, team, 0));

		ExecutorService pool = Executors.newFixedThreadPool(4);
		List<Callable<Long>> jobs = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			jobs.add(() -> leads.create(leadFrom(null, null, source), Visibility.all()));
		}
		List<Long> owners = new ArrayList<>();
		try {
			for (Future<Long> f : pool.invokeAll(jobs)) {
				owners.add(ownerOf(f.get()));
			}
		}
		finally {
			pool.shutdown();
		}

		Map<Long, Long> counts = owners.stream()
			.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
		assertThat(counts).containsOnlyKeys(members).allSatisfy((user, n) -> assertThat(n).isEqualTo(10L));
	}

	@Test
	void aRuleNeedsExactlyOneTarget() {
		long rep = SalesFixtures.user(jdbc, "SALES_REP", null);
		long team = SalesFixtures.team(jdbc);
		assertThatThrownBy(() -> rules.create(new AssignmentRuleCommand("Both", true, null, null, null, rep, team, 0)))
			.isInstanceOf(RuleViolationException.class)
			.hasMessageContaining("either");
		assertThatThrownBy(() -> rules.create(new AssignmentRuleCommand("None", true, null, null, null, null, null, 0)))
			.isInstanceOf(RuleViolationException.class);
		assertThatThrownBy(() -> rules.create(new AssignmentRuleCommand(" ", true, null, null, null, rep, null, 0)))
			.isInstanceOf(RuleViolationException.class);
	}

	private long version(long ruleId) {
		return jdbc.sql("select version from lead_assignment_rules where id = ?")
			.param(ruleId)
			.query(Long.class)
			.single();
	}

	@Test
	void turnsTakenKeepTheRuleCurrentAndAStaleEditConflicts() {
		String source = "turn" + unique();
		long team = SalesFixtures.team(jdbc);
		SalesFixtures.user(jdbc, "SALES_REP", team);
		long id = rules.create(new AssignmentRuleCommand("Turns", true, null, null, source, null, team, 0));
		leads.create(leadFrom(null, null, source), Visibility.all());
		leads.create(leadFrom(null, null, source), Visibility.all());
		assertThat(version(id)).isZero();

		rules.update(id, new AssignmentRuleCommand("Turns renamed", true, null, null, source, null, team, 0));

		assertThatThrownBy(
				() -> rules.update(id, new AssignmentRuleCommand("Stale", true, null, null, source, null, team, 0)))
			.isInstanceOf(StaleEditException.class);
		assertThat(rules.list()).filteredOn(r -> r.id() == id)
			.singleElement()
			.satisfies(r -> assertThat(r.name()).isEqualTo("Turns renamed"))
			.satisfies(r -> assertThat(r.version()).isEqualTo(1));
	}

	@Test
	void savingAnUnchangedRuleMovesTheVersionSoTheSameCopySavedAgainConflicts() {
		AssignmentRuleCommand same = new AssignmentRuleCommand("Same", true, null, null, "same" + unique(),
				SalesFixtures.user(jdbc, "SALES_REP", null), null, 0);
		long id = rules.create(same);

		rules.update(id, same);

		assertThat(version(id)).isEqualTo(1);
		assertThatThrownBy(() -> rules.update(id, same)).isInstanceOf(StaleEditException.class);
	}

	@Test
	void anotherTeamStartsTheTurnsAfresh() {
		String source = "afresh" + unique();
		long team = SalesFixtures.team(jdbc);
		SalesFixtures.user(jdbc, "SALES_REP", team);
		long id = rules.create(new AssignmentRuleCommand("Afresh", true, null, null, source, null, team, 0));
		leads.create(leadFrom(null, null, source), Visibility.all());

		rules.update(id,
				new AssignmentRuleCommand("Afresh", true, null, null, source, null, SalesFixtures.team(jdbc), 0));

		assertThat(jdbc.sql("select count(*) from lead_assignment_rules where id = ? and last_assigned_user_id is null")
			.param(id)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void movingARuleUpSwapsItWithTheOneBefore() {
		long rep = SalesFixtures.user(jdbc, "SALES_REP", null);
		long first = rules.create(new AssignmentRuleCommand("First " + unique(), true, null, null, "x", rep, null, 0));
		long second = rules
			.create(new AssignmentRuleCommand("Second " + unique(), true, null, null, "x", rep, null, 0));

		rules.move(second, true);

		assertThat(rules.list()).extracting(AssignmentRuleRow::id)
			.containsSubsequence(second, first)
			.doesNotHaveDuplicates();
	}

	@Test
	void anUnknownUserOrRuleIsRefusedAndNothingIsWritten() {
		String name = "Ghost " + unique();

		assertThatThrownBy(() -> rules.create(new AssignmentRuleCommand(name, true, null, null, null, -7L, null, 0)))
			.isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.code()).isEqualTo("leadRule.user"));
		assertThat(rules.list()).noneMatch(r -> r.name().equals(name));
		long rep = SalesFixtures.user(jdbc, "SALES_REP", null);
		assertThatThrownBy(
				() -> rules.update(-1, new AssignmentRuleCommand(name, true, null, null, null, rep, null, 0)))
			.isInstanceOf(NotFoundException.class);
		assertThatThrownBy(() -> rules.delete(-1)).isInstanceOf(NotFoundException.class);
	}

}
