package org.opencrm.marketing.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencrm.marketing.segment.SegmentNode.Criterion.of;

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
 * Segment criteria over the health of each contact's account, run by PostgreSQL over four
 * hand-described contacts (limited to this test's contacts by a tag only they carry):
 * Anna at a CHAMPIONS account (HEALTHY, 85), Ben at a LOST one (AT_RISK, 20), Clara at an
 * account whose health isn't computed yet, David without an account.
 */
@SpringBootTest
class HealthCriteriaSqlTest {

	@Autowired
	SegmentCompiler compiler;

	@Autowired
	SegmentQuery segments;

	@Autowired
	JdbcClient jdbc;

	String tag;

	long anna, ben, clara, david;

	@BeforeEach
	void fourContacts() {
		tag = "h";
		for (int i = 0; i < 8; i++) {
			tag += (char) ('a' + ThreadLocalRandom.current().nextInt(26));
		}
		long champion = account("Champ", 85, "HEALTHY", "CHAMPIONS");
		long lost = account("Lost", 20, "AT_RISK", "LOST");
		long uncomputed = account("New", null, null, null);
		anna = contact("Anna", champion);
		ben = contact("Ben", lost);
		clara = contact("Clara", uncomputed);
		david = contact("David", null);
	}

	@Test
	void rfmSegmentIsOneOfOrNoneOf() {
		assertThat(members(of("rfm_segment", "in", "CHAMPIONS", "LOYAL"))).containsOnly(anna);
		assertThat(members(of("rfm_segment", "in", "lost"))).containsOnly(ben);
		// "none of" includes contacts whose account has no computed health, or who have
		// no account.
		assertThat(members(of("rfm_segment", "not_in", "CHAMPIONS"))).containsOnly(ben, clara, david);
	}

	@Test
	void healthBandIsAndScoreBetween() {
		assertThat(members(of("health_band", "is", "AT_RISK"))).containsOnly(ben);
		assertThat(members(of("health_score", "between", "20", "85"))).containsOnly(anna, ben);
		assertThat(members(of("health_score", "between", "21", ""))).containsOnly(anna);
		assertThat(members(of("health_score", "between", "", "40"))).containsOnly(ben);
	}

	@Test
	void theEditorOffersTheCriteriaWithTheirChoices() {
		var fields = segments.fields();
		assertThat(fields).filteredOn(f -> f.key().equals("rfm_segment"))
			.singleElement()
			.satisfies(f -> assertThat(f.choices()).contains("CHAMPIONS", "NO_PURCHASES"));
		assertThat(fields).filteredOn(f -> f.key().equals("health_band"))
			.singleElement()
			.satisfies(f -> assertThat(f.choices()).containsExactly("HEALTHY", "WATCH", "AT_RISK"));
		assertThat(fields).extracting(SegmentField::key).contains("health_score");
	}

	@Test
	void unknownSegmentsAndBandsAreRefusedWithAMessage() {
		var definition = Group.and(of("rfm_segment", "in", "WHALES"), of("health_band", "is", "GREAT"),
				of("health_score", "between", "", ""));
		assertThatThrownBy(() -> compiler.compile(definition))
			.isInstanceOfSatisfying(InvalidSegmentDefinitionException.class, ex -> assertThat(ex.problems())
				.extracting(DefinitionProblem::path, DefinitionProblem::code)
				.containsExactly(
						org.assertj.core.groups.Tuple.tuple("definition.items[0].values",
								"segment.problem.value.choice"),
						org.assertj.core.groups.Tuple.tuple("definition.items[1].values",
								"segment.problem.value.choice"),
						org.assertj.core.groups.Tuple.tuple("definition.items[2].values", "segment.problem.range")));
	}

	private Set<Long> members(SegmentNode definition) {
		var query = compiler.compile(Group.and(of("tags", "any", tag), definition));
		assertThat(query.sql()).doesNotContain("CHAMPIONS").doesNotContain("AT_RISK");
		return new HashSet<>(jdbc.sql("select contact_id from (" + query.sql() + ") m")
			.params(query.params())
			.query(Long.class)
			.list());
	}

	private long account(String name, Integer score, String band, String rfm) {
		long id = jdbc.sql("insert into accounts (name, lifecycle_stage) values (?, 'CUSTOMER') returning id")
			.param(name + " " + tag)
			.query(Long.class)
			.single();
		if (score != null) {
			jdbc.sql(
					"""
							insert into customer_health (account_id, score, band, rfm_segment, computed_at) values (?, ?, ?, ?, now())
							""")
				.params(id, score, band, rfm)
				.update();
		}
		return id;
	}

	private long contact(String name, Long account) {
		return jdbc
			.sql("""
					insert into contacts (account_id, first_name, last_name, lifecycle_stage, tags) values (?, ?, ?, 'CUSTOMER', ?)
					returning id""")
			.params(account, name, tag, new String[] { tag })
			.query(Long.class)
			.single();
	}

}
