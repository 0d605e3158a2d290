package org.opencrm.sales.lead;

import java.time.Instant;

/** One lead as its page and the API show it. */
public record LeadDetails(long id, String firstName, String lastName, String email, String phone, String company,
		String title, String industry, String country, Integer companySize, String source, String sourceDetail,
		Long campaignId, LeadStatus status, String disqualifiedReason, int score, boolean mql, Long ownerId,
		String ownerName, Long convertedAccountId, Long convertedContactId, Long convertedOpportunityId,
		Instant convertedAt, Instant lastActivityAt, long version, Instant createdAt, Instant updatedAt,
		String externalId) {

	public String fullName() {
		return firstName == null || firstName.isBlank() ? lastName : firstName + " " + lastName;
	}
}
