package org.opencrm.marketing.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencrm.marketing.segment.SegmentNode.Criterion.of;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencrm.marketing.segment.SegmentNode.Group;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Definitions compiled to SQL and run by PostgreSQL over five hand-described contacts
 * (the test clock says 1 June 2030, noon UTC). Every query is limited to this test's
 * contacts by a tag only they carry.
 */
@SpringBootTest
class SegmentSqlTest {

	@Autowired
	SegmentCompiler compiler;

	@Autowired
	SegmentService segments;

	@Autowired
	SegmentQuery segmentQuery;

	@Autowired
	JdbcClient jdbc;

	String tag;

	long anna, ben, clara, david, eva, owner;

	@BeforeEach
	void fiveContacts() {
		tag = "t" + unique();
		owner = jdbc.sql(
				"insert into users (username, full_name, password_hash, role) values (?, 'Owen Owner', 'x', 'SALES_REP') returning id")
			.param("owner-" + tag)
			.query(Long.class)
			.single();
		long maker = account("Maker " + tag, "Manufacturing");
		long soft = account("Soft " + tag, "Software");
		// name, stage, country, tags, consent, created, last activity, account, title,
		// owner
		anna = contact("Anna", "CUSTOMER", "Germany", "vip", true, "2030-01-10", "2030-05-20", maker, "Deal holder",
				owner);
		ben = contact("Ben", "LEAD", "France", "", false, "2030-02-15", null, soft, null, null);
		clara = contact("Clara", "CUSTOMER", "France", "vip,newsletter", true, "2030-03-20", "2030-01-01", soft,
				"Head of Purchasing", owner);
		david = contact("David", "LEAD", "Germany", "newsletter", true, "2030-04-01", "2030-05-31", null, null, null);
		eva = contact("Eva", "SUBSCRIBER", null, "", false, "2030-05-30", "2030-05-30", maker, "Deal holder", null);
		// David's lead scored 70 (matched by e-mail); Ben's converted lead 55 (matched by
		// contact).
		jdbc.sql("insert into scored_leads (lead_id, email, score) values (?, ?, 70)")
			.params(ThreadLocalRandom.current().nextLong(1_000_000_000L), "david." + tag + "@example.com")
			.update();
		jdbc.sql("insert into scored_leads (lead_id, email, contact_id, score) values (?, 'other@example.com', ?, 55)")
			.params(ThreadLocalRandom.current().nextLong(1_000_000_000L), ben)
			.update();
	}

	@Test
	void andMatchesContactsMeetingEveryCriterion() {
		assertThat(members(Group.and(of("stage", "in", "CUSTOMER"), of("country", "in", "germany"))))
			.containsOnly(anna);
	}

	@Test
	void orMatchesContactsMeetingAnyCriterion() {
		assertThat(members(Group.or(of("stage", "in", "SUBSCRIBER"), of("country", "in", "France")))).containsOnly(ben,
				clara, eva);
	}

	@Test
	void nestedGroupsCombineAccountIndustryAndRecentActivity() {
		var definition = Group.and(of("tags", "any", "vip", "newsletter"),
				Group.or(of("industry", "contains", "manu"), of("last_activity", "last_days", "7")));
		assertThat(members(definition)).containsOnly(anna, david);
	}

	@Test
	void tagsMatchAnyAllOrNone() {
		assertThat(members(Group.and(of("tags", "all", "vip", "newsletter")))).containsOnly(clara);
		assertThat(members(Group.and(of("tags", "any", "vip", "newsletter")))).containsOnly(anna, clara, david);
		assertThat(members(Group.and(of("tags", "none", "vip")))).containsOnly(ben, david, eva);
	}

	@Test
	void datesMatchRangesAndRelativeDays() {
		assertThat(members(Group.and(of("created", "between", "2030-02-01", "2030-03-31")))).containsOnly(ben, clara);
		assertThat(members(Group.and(of("created", "between", "2030-05-01", "")))).containsOnly(eva);
		assertThat(members(Group.and(of("created", "last_days", "10")))).containsOnly(eva);
		// Not in the last 30 days includes never.
		assertThat(members(Group.and(of("last_activity", "not_last_days", "30")))).containsOnly(ben, clara);
	}

	@Test
	void consentOwnerAndTitleMatch() {
		assertThat(members(Group.and(of("email_consent", "is", "false")))).containsOnly(ben, eva);
		assertThat(members(Group.and(of("owner", "in", String.valueOf(owner))))).containsOnly(anna, clara);
		assertThat(members(Group.and(of("owner", "is_empty")))).containsOnly(ben, david, eva);
		assertThat(members(Group.and(of("title", "contains", "HEAD")))).containsOnly(clara);
	}

	@Test
	void anotherModulesFactIsAYesNoCriterion() {
		assertThat(segmentQuery.fields()).extracting(SegmentField::key).contains("test-deal-holder");
		assertThat(members(Group.and(of("test-deal-holder", "has")))).containsOnly(anna, eva);
		assertThat(members(Group.and(of("test-deal-holder", "has_not")))).containsOnly(ben, clara, david);
	}

	@Test
	void leadScoreMatchesByContactOrByEmail() {
		assertThat(members(Group.and(of("lead_score", "between", "50", "")))).containsOnly(ben, david);
		assertThat(members(Group.and(of("lead_score", "between", "", "60")))).containsOnly(ben);
	}

	@Test
	void injectionAttemptsInValuesAreJustValues() {
		var definition = Group.or(of("country", "in", "x'); drop table contacts; --", "germany' or '1'='1"),
				of("industry", "contains", "%"), of("title", "contains", "_"), of("tags", "any", "' or 1=1 --"));
		var query = compiler.compile(definition);

		assertThat(query.sql()).doesNotContain("drop").doesNotContain("1=1").doesNotContain("germany");
		assertThat(members(definition)).isEmpty();
		assertThat(jdbc.sql("select count(*) from contacts").query(Long.class).single()).isGreaterThanOrEqualTo(5);
	}

	@Test
	void unknownFieldsOperatorsAndBadValuesAreRefusedWithAMessageEach() {
		var definition = new Group("AND",
				List.of(of("password", "in", "x"), of("stage", "like", "LEAD"), of("stage", "in", "NOPE"),
						of("created", "between", "yesterday", ""), of("lead_score", "between", "", ""),
						new Group("XOR", List.of())));

		assertThatThrownBy(() -> compiler.compile(definition))
			.isInstanceOfSatisfying(InvalidSegmentDefinitionException.class, ex -> assertThat(ex.problems())
				.extracting(DefinitionProblem::path, DefinitionProblem::code)
				.containsExactly(
						org.assertj.core.groups.Tuple.tuple("definition.items[0].field", "segment.problem.field"),
						org.assertj.core.groups.Tuple.tuple("definition.items[1].operator", "segment.problem.operator"),
						org.assertj.core.groups.Tuple.tuple("definition.items[2].values",
								"segment.problem.value.stage"),
						org.assertj.core.groups.Tuple.tuple("definition.items[3].values", "segment.problem.value.date"),
						org.assertj.core.groups.Tuple.tuple("definition.items[4].values", "segment.problem.range"),
						org.assertj.core.groups.Tuple.tuple("definition.items[5].op", "segment.problem.op")));
	}

	@Test
	void malformedJsonAndWrongShapesAreRefused() {
		assertThatThrownBy(() -> SegmentDefinitions.parse("{\"op\": \"AND\", \"items\": [")).isInstanceOfSatisfying(
				InvalidSegmentDefinitionException.class,
				ex -> assertThat(ex.problems()).extracting(DefinitionProblem::code)
					.containsExactly("segment.problem.json"));
		assertThatThrownBy(() -> SegmentDefinitions
			.parse("{\"op\": \"AND\", \"items\": [42, {\"field\": \"stage\", \"values\": \"LEAD\"}]}"))
			.isInstanceOfSatisfying(InvalidSegmentDefinitionException.class,
					ex -> assertThat(ex.problems()).extracting(DefinitionProblem::path)
						.containsExactly("definition.items[0]", "definition.items[1].values"));
	}

	@Test
	void aDefinitionSurvivesTheRoundTripThroughJson() {
		var definition = Group.and(of("stage", "in", "LEAD", "CUSTOMER"), Group.or(of("tags", "any", "vip")));
		assertThat(SegmentDefinitions.parse(SegmentDefinitions.toJson(definition))).isEqualTo(definition);
	}

	@Test
	void aSavedSegmentsMembersQueryFeedsAnInsertSelect() {
		long id = segments.create(new SegmentCommand("Germans " + tag, null, SegmentKind.DYNAMIC,
				Group.and(of("tags", "any", tag), of("country", "in", "Germany")), 0));

		var query = segmentQuery.query(id);

		long n = jdbc.sql("select count(*) from (" + query.sql() + ") m")
			.params(query.params())
			.query(Long.class)
			.single();
		assertThat(n).isEqualTo(2);
		assertThat(segmentQuery.count(id).value()).isEqualTo(2);
		assertThat(segmentQuery.members(id, null, 10).items()).extracting(SegmentMember::id)
			.containsExactly(anna, david);
	}

	@Test
	void aStaticListTakesContactsFromCsvAndReportsUnmatchedLines() {
		long id = segments.create(new SegmentCommand("Fair " + tag, null, SegmentKind.STATIC, null, 0));
		String csv = """
				Name;Email
				Anna;ANNA.%1$s@example.com
				Nobody;nobody.%1$s@example.com
				No mail;
				Bad;not-an-email
				"Doe; Jane";anna.%1$s@example.com
				Ben;ben.%1$s@example.com
				""".formatted(tag);

		ListImport result = segments.importCsv(id, csv);

		assertThat(result.added()).isEqualTo(2);
		assertThat(result.unmatched()).extracting(ListImport.Unmatched::line, ListImport.Unmatched::reason)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(3, "segment.import.noContact"),
					org.assertj.core.groups.Tuple.tuple(4, "segment.import.noEmail"),
					org.assertj.core.groups.Tuple.tuple(5, "email.invalid"));
		assertThat(segmentQuery.members(id, null, 10).items()).extracting(SegmentMember::id).containsExactly(anna, ben);
		assertThat(segments.importCsv(id, csv).alreadyMembers()).isEqualTo(2);

		segments.removeMember(id, anna);
		assertThat(segments.addMemberByEmail(id, "clara." + tag + "@example.com")).isTrue();
		assertThat(segmentQuery.count(id).value()).isEqualTo(2);
	}

	@Test
	void anEditOnAStaleVersionConflictsAndANameIsUsedOnce() {
		long id = segments.create(new SegmentCommand("Stale " + tag, null, SegmentKind.DYNAMIC, Group.and(), 0));
		segments.update(id, new SegmentCommand("Stale " + tag, "first", SegmentKind.DYNAMIC, Group.and(), 0));

		assertThatThrownBy(() -> segments.update(id,
				new SegmentCommand("Stale " + tag, "second", SegmentKind.DYNAMIC, Group.and(), 0)))
			.isInstanceOf(org.opencrm.core.shared.StaleEditException.class);
		assertThat(segmentQuery.details(id).description()).isEqualTo("first");
		assertThatThrownBy(() -> segments.create(new SegmentCommand("STALE " + tag, null, SegmentKind.STATIC, null, 0)))
			.isInstanceOfSatisfying(org.opencrm.core.shared.RuleViolationException.class,
					ex -> assertThat(ex.code()).isEqualTo("segment.name.taken"));
	}

	@Test
	void membersAreAddedByHandOnlyToStaticLists() {
		long id = segments.create(new SegmentCommand("Dyn " + tag, null, SegmentKind.DYNAMIC, Group.and(), 0));
		assertThatThrownBy(() -> segments.addMember(id, anna))
			.isInstanceOf(org.opencrm.core.shared.RuleViolationException.class)
			.hasMessageContaining("static");
	}

	private Set<Long> members(SegmentNode definition) {
		var query = compiler.compile(Group.and(of("tags", "any", tag), definition));
		return new HashSet<>(jdbc.sql("select contact_id from (" + query.sql() + ") m")
			.params(query.params())
			.query(Long.class)
			.list());
	}

	private long account(String name, String industry) {
		return jdbc.sql("insert into accounts (name, industry, lifecycle_stage) values (?, ?, 'CUSTOMER') returning id")
			.params(name, industry)
			.query(Long.class)
			.single();
	}

	private long contact(String first, String stage, String country, String tags, boolean consent, String created,
			String lastActivity, Long account, String title, Long ownerId) {
		List<String> tagList = new java.util.ArrayList<>(
				Arrays.asList((tag + (tags.isEmpty() ? "" : "," + tags)).split(",")));
		return jdbc.sql("""
				insert into contacts (first_name, last_name, email, lifecycle_stage, country, tags, consent_email,
				                      created_at, last_activity_at, account_id, title, owner_id)
				values (?, ?, ?, ?, ?, string_to_array(?, ','), ?, ?, ?, ?, ?, ?) returning id
				""")
			.params(first, "Test" + tag, first.toLowerCase() + "." + tag + "@example.com", stage, country,
					String.join(",", tagList), consent, at(created), lastActivity == null ? null : at(lastActivity),
					account, title, ownerId)
			.query(Long.class)
			.single();
	}

	private static OffsetDateTime at(String day) {
		return OffsetDateTime.parse(day + "T00:00:00Z");
	}

	private static String unique() {
		StringBuilder s = new StringBuilder();
		for (int i = 0; i < 8; i++) {
			s.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
		}
		return s.toString();
	}

}
