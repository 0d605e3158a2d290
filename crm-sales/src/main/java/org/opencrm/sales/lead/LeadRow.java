package org.opencrm.sales.lead;

import java.time.Instant;

/** A lead in a list. */
public record LeadRow(long id, String firstName, String lastName, String email, String company, String source,
		LeadStatus status, int score, boolean mql, String ownerName, Instant createdAt, long version, String sortKey,
		String externalId) {

	public String fullName() {
		return firstName == null || firstName.isBlank() ? lastName : firstName + " " + lastName;
	}
}
