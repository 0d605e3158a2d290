package org.opencrm.core.event;

/** A qualified lead became an account and contact (and possibly an opportunity). */
public record LeadConverted(long leadId, String email, long accountId, long contactId, Long opportunityId,
		Long campaignId) {
}
