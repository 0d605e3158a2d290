package org.opencrm.sales.lead;

/** What a conversion made or linked. */
public record Conversion(long leadId, long accountId, long contactId, Long opportunityId) {
}
