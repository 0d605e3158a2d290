package org.opencrm.marketing.scoring;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.util.HashMap;
import java.util.Map;
import org.opencrm.core.shared.BaseEntity;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.marketing.scoring.ScoringRule.Field;
import org.opencrm.marketing.scoring.ScoringRule.Kind;
import org.opencrm.marketing.scoring.ScoringRule.Operator;

/**
 * A rule of the scoring model, as marketers edit it: a PROFILE rule's condition (a lead
 * property compared with a value) or an ENGAGEMENT rule's engagement type, and the points
 * it gives. It holds only what its kind needs, so a rule is always one the calculator can
 * evaluate; {@link ScoringRule} is what the rest of the application reads.
 */
@Entity
@Table(name = "scoring_rules")
class Rule extends BaseEntity {

	static final int LABEL_MAX = 150;

	static final int VALUE_MAX = 200;

	static final int POINTS_MAX = 1000;

	@Enumerated(EnumType.STRING)
	private Kind kind;

	private String label;

	@Enumerated(EnumType.STRING)
	private Field field;

	@Enumerated(EnumType.STRING)
	private Operator operator;

	private String value;

	private String engagement;

	private int points;

	private boolean active = true;

	protected Rule() {
	}

	Rule(ScoringRuleCommand cmd) {
		change(cmd);
	}

	/**
	 * Takes the edited rule: trimmed, the other kind's parts dropped, switched on or off.
	 * @throws RuleViolationException {@code scoring.invalid.kind}, {@code .label},
	 * {@code .points}, {@code .engagement}, {@code .field}, {@code .value},
	 * {@code .operator}, {@code .number}
	 */
	void change(ScoringRuleCommand c) {
		if (c.kind() == null) {
			throw new RuleViolationException("scoring.invalid.kind", "Choose a profile or an engagement rule.");
		}
		String newLabel = c.label() == null ? "" : c.label().trim();
		if (newLabel.isEmpty() || newLabel.length() > LABEL_MAX) {
			throw RuleViolationException.onField("label", "scoring.invalid.label",
					"A rule needs a label of at most 150 characters.");
		}
		if (c.points() < -POINTS_MAX || c.points() > POINTS_MAX || c.points() == 0) {
			throw RuleViolationException.onField("points", "scoring.invalid.points",
					"Points are between -1000 and 1000, and not 0.");
		}
		if (c.kind() == Kind.ENGAGEMENT) {
			if (c.engagement() == null || !ScoringService.ENGAGEMENTS.contains(c.engagement())) {
				throw RuleViolationException.onField("engagement", "scoring.invalid.engagement",
						"Choose the engagement the rule counts.");
			}
			set(c.kind(), newLabel, null, null, null, c.engagement(), c.points(), c.active());
			return;
		}
		String newValue = c.value() == null ? "" : c.value().trim();
		checkCondition(c.field(), c.operator(), newValue);
		set(c.kind(), newLabel, c.field(), c.operator(), newValue, null, c.points(), c.active());
	}

	/** A profile condition the calculator can evaluate: a number for company size. */
	private static void checkCondition(Field field, Operator operator, String value) {
		if (field == null || operator == null) {
			throw RuleViolationException.onField("field", "scoring.invalid.field",
					"Choose the property and how it is compared.");
		}
		if (value.isEmpty() || value.length() > VALUE_MAX) {
			throw RuleViolationException.onField("value", "scoring.invalid.value",
					"Give the value to compare with (at most 200 characters).");
		}
		if (field == Field.COMPANY_SIZE) {
			if (operator == Operator.CONTAINS) {
				throw RuleViolationException.onField("operator", "scoring.invalid.operator",
						"Company size is compared as a number.");
			}
			try {
				Integer.parseInt(value);
			}
			catch (NumberFormatException ex) {
				throw RuleViolationException.onField("value", "scoring.invalid.number",
						"Company size is a whole number.");
			}
		}
		else if (operator == Operator.AT_LEAST) {
			throw RuleViolationException.onField("operator", "scoring.invalid.operator",
					"‘at least’ compares numbers: use it with company size.");
		}
	}

	private void set(Kind kind, String label, Field field, Operator operator, String value, String engagement,
			int points, boolean active) {
		this.kind = kind;
		this.label = label;
		this.field = field;
		this.operator = operator;
		this.value = value;
		this.engagement = engagement;
		this.points = points;
		this.active = active;
	}

	Map<String, String> snapshot() {
		Map<String, String> m = new HashMap<>();
		m.put("label", label);
		m.put("points", String.valueOf(points));
		m.put("active", String.valueOf(active));
		return m;
	}

}
