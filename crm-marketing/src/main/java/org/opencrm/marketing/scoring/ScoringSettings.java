package org.opencrm.marketing.scoring;

/**
 * The score at which a lead becomes marketing-qualified, and after how many days
 * engagement points halve.
 */
public record ScoringSettings(int mqlThreshold, int halfLifeDays, long version) {
}
