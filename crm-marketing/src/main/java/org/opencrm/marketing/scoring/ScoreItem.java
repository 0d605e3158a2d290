package org.opencrm.marketing.scoring;

/**
 * One rule that fired for a lead and the points it gave: rounded per item, so a lead's
 * items add up exactly to its score. {@code count} is how many engagements an engagement
 * rule counted (1 for profile rules).
 */
public record ScoreItem(long ruleId, String label, int count, int points) {
}
