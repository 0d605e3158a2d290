package org.opencrm.sales.quota;

import java.math.BigDecimal;
import java.util.List;
import org.opencrm.sales.shared.Period;

/**
 * A year of quotas for a set of users: one row per user, one cell per month or quarter.
 */
public record QuotaGrid(int year, List<Period> periods, List<Row> rows) {

	public record Row(long userId, String userName, List<Cell> cells) {
	}

	/** {@code amount} null: no quota set for that period. */
	public record Cell(Period period, BigDecimal amount, String currency) {

		/** The form key of this cell: {@code <userId>_<period>}. */
		public String key(long userId) {
			return userId + "_" + period.key();
		}
	}
}
