package org.opencrm.marketing.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencrm.marketing.Fixtures.unique;

import org.junit.jupiter.api.Test;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.shared.StaleEditException;
import org.opencrm.marketing.scoring.ScoringRule.Field;
import org.opencrm.marketing.scoring.ScoringRule.Kind;
import org.opencrm.marketing.scoring.ScoringRule.Operator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The rules a scoring rule keeps (its condition, its points), on real PostgreSQL. The
 * rules made here are switched off, so no other test's scores move.
 */
@SpringBootTest
class ScoringRuleTest {

	@Autowired
	ScoringService scoring;

	@Autowired
	ScoringQueries queries;

	@Autowired
	JdbcClient jdbc;

	static ScoringRuleCommand profile(String label, Field field, Operator op, String value, int points) {
		return new ScoringRuleCommand(Kind.PROFILE, label, field, op, value, null, points, false, 0);
	}

	void refused(ScoringRuleCommand cmd, String code) {
		assertThatThrownBy(() -> scoring.createRule(cmd)).isInstanceOf(RuleViolationException.class)
			.hasFieldOrPropertyWithValue("code", code);
	}

	@Test
	void aRuleWithoutAConditionItCanEvaluateOrWithPointsOutOfRangeIsRefusedAndNothingIsStored() {
		String u = unique();

		refused(new ScoringRuleCommand(null, "R " + u, null, null, null, null, 5, false, 0), "scoring.invalid.kind");
		refused(profile(" ", Field.TITLE, Operator.EQUALS, "CEO", 5), "scoring.invalid.label");
		refused(profile("R " + u + "x".repeat(150), Field.TITLE, Operator.EQUALS, "CEO", 5), "scoring.invalid.label");
		refused(profile("R " + u, Field.TITLE, Operator.EQUALS, "CEO", 0), "scoring.invalid.points");
		refused(profile("R " + u, Field.TITLE, Operator.EQUALS, "CEO", 1001), "scoring.invalid.points");
		refused(profile("R " + u, null, Operator.EQUALS, "CEO", 5), "scoring.invalid.field");
		refused(profile("R " + u, Field.TITLE, Operator.EQUALS, "  ", 5), "scoring.invalid.value");
		refused(profile("R " + u, Field.COMPANY_SIZE, Operator.AT_LEAST, "many", 5), "scoring.invalid.number");
		refused(profile("R " + u, Field.COMPANY_SIZE, Operator.CONTAINS, "10", 5), "scoring.invalid.operator");
		refused(profile("R " + u, Field.TITLE, Operator.AT_LEAST, "10", 5), "scoring.invalid.operator");
		refused(new ScoringRuleCommand(Kind.ENGAGEMENT, "R " + u, null, null, null, "SENT", 5, false, 0),
				"scoring.invalid.engagement");

		assertThat(jdbc.sql("select count(*) from scoring_rules where label like ?")
			.param("R " + u + "%")
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void aRuleKeepsOnlyWhatItsKindNeeds() {
		String u = unique();
		long id = scoring.createRule(profile("  Big " + u + " ", Field.COMPANY_SIZE, Operator.AT_LEAST, " 500 ", 20));
		ScoringRule created = queries.rule(id);
		assertThat(created.label()).isEqualTo("Big " + u);
		assertThat(created.value()).isEqualTo("500");

		scoring.updateRule(id, new ScoringRuleCommand(Kind.ENGAGEMENT, "Clicks " + u, Field.TITLE, Operator.EQUALS,
				"CEO", "CLICKED", -3, false, 0));

		ScoringRule changed = queries.rule(id);
		assertThat(changed.kind()).isEqualTo(Kind.ENGAGEMENT);
		assertThat(changed.field()).isNull();
		assertThat(changed.operator()).isNull();
		assertThat(changed.value()).isNull();
		assertThat(changed.engagement()).isEqualTo("CLICKED");
		assertThat(changed.points()).isEqualTo(-3);
		assertThat(changed.version()).isEqualTo(1);
		scoring.deleteRule(id, 1);
	}

	@Test
	void aStaleEditOrDeleteConflictsAndTheRuleStaysAsItWas() {
		String u = unique();
		long id = scoring.createRule(profile("Stale " + u, Field.INDUSTRY, Operator.EQUALS, "Retail", 5));
		scoring.updateRule(id, profile("Saved " + u, Field.INDUSTRY, Operator.EQUALS, "Retail", 7));

		assertThatThrownBy(
				() -> scoring.updateRule(id, profile("Lost " + u, Field.INDUSTRY, Operator.EQUALS, "Retail", 9)))
			.isInstanceOf(StaleEditException.class);
		assertThatThrownBy(() -> scoring.deleteRule(id, 0)).isInstanceOf(StaleEditException.class);
		assertThat(queries.rule(id).label()).isEqualTo("Saved " + u);
		assertThat(queries.rule(id).points()).isEqualTo(7);

		scoring.deleteRule(id, 1);

		assertThatThrownBy(() -> queries.rule(id)).isInstanceOf(NotFoundException.class);
		assertThat(jdbc.sql("select count(*) from audit_log where entity_type = 'scoring-rule' and entity_id = ?")
			.param(id)
			.query(Long.class)
			.single()).isGreaterThanOrEqualTo(3);
	}

}
