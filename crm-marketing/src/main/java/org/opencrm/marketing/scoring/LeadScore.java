package org.opencrm.marketing.scoring;

import java.time.Instant;
import java.util.List;

/** A lead's score and why: {@code items} sum to {@code score}. */
public record LeadScore(long leadId, String email, String company, int score, boolean mql, Instant mqlAt,
		Instant scoredAt, List<ScoreItem> items) {
}
