package org.opencrm.core.event;

import java.time.Instant;

/**
 * Sales created a lead (by hand, import or a capture request): marketing scores and
 * attributes it.
 */
public record LeadCreated(long leadId, String email, String source, Long campaignId, String company, String title,
		String industry, String country, Integer companySize, Long ownerId, Instant createdAt) {
}
