package org.opencrm.sales.opportunity;

/** A partner account a deal can be sold through. */
public record PartnerOption(long accountId, String name, String partnerType) {
}
