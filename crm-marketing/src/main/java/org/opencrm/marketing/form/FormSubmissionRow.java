package org.opencrm.marketing.form;

import java.time.Instant;
import java.util.Map;

/**
 * A stored submission: who sent it, when, and everything they typed (by field parameter
 * name).
 */
public record FormSubmissionRow(long id, Instant submittedAt, String email, String firstName, String lastName,
		String company, Long contactId, Map<String, String> data, String sortKey) {
}
