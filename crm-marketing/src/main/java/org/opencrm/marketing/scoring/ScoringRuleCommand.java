package org.opencrm.marketing.scoring;

/**
 * A rule to add or change; for PROFILE rules field, operator and value, for ENGAGEMENT
 * rules the engagement type.
 */
public record ScoringRuleCommand(ScoringRule.Kind kind, String label, ScoringRule.Field field,
		ScoringRule.Operator operator, String value, String engagement, int points, boolean active, long version) {
}
