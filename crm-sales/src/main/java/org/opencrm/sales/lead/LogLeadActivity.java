package org.opencrm.sales.lead;

import java.time.Instant;

/**
 * A call, meeting or note to log on a lead, optionally with a follow-up task due at
 * {@code followUpAt}.
 */
public record LogLeadActivity(String kind, String subject, String body, String followUpTitle, Instant followUpAt) {
}
