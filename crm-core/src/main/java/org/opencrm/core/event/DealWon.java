package org.opencrm.core.event;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * An opportunity was won: marketing attributes the revenue to campaigns, the account
 * becomes a customer, after-sale follow-ups get scheduled.
 */
public record DealWon(long opportunityId, long accountId, Long contactId, long ownerId, BigDecimal amount,
		String currency, LocalDate closedOn, Long campaignId) {
}
