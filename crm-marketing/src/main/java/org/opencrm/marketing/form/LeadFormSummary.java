package org.opencrm.marketing.form;

import java.time.Instant;

/**
 * A row of the form list; {@code lastSubmittedAt} is null before the first submission.
 */
public record LeadFormSummary(long id, String name, String slug, boolean active, Long campaignId,
		Instant lastSubmittedAt, String sortKey) {
}
