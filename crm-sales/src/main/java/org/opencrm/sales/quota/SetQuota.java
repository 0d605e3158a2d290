package org.opencrm.sales.quota;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.opencrm.sales.shared.PeriodType;

/**
 * A rep's target for the month or quarter containing {@code day} (stored against the
 * period's first day). A null amount removes the quota.
 *
 * @param version the version the editor saw, compared before the change (a stale one
 * conflicts); null for the grid, which saves many cells at once and carries no per-cell
 * version, so the last save of a cell wins there
 */
public record SetQuota(long userId, PeriodType periodType, LocalDate day, BigDecimal amount, String currency,
		Long version) {

	public SetQuota(long userId, PeriodType periodType, LocalDate day, BigDecimal amount, String currency) {
		this(userId, periodType, day, amount, currency, null);
	}
}
