package org.opencrm.core.event;

/**
 * Marketing (re)scored a lead; sales shows the score on the lead. {@code mql} is true
 * once the score has reached the marketing-qualified threshold.
 */
public record LeadScored(long leadId, int score, boolean mql) {
}
