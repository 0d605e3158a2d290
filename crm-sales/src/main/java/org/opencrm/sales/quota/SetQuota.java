package org.opencrm.sales.quota;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.opencrm.sales.shared.PeriodType;

/**
 * A rep's target for the month or quarter containing {@code day} (stored against the period's
 * first day). A null amount removes the quota.
 */
public record SetQuota(long userId, PeriodType periodType, LocalDate day, BigDecimal amount, String currency) {
}
