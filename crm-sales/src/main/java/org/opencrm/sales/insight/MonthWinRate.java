package org.opencrm.sales.insight;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * Deals won and lost (by the day they were closed) in one month of a date range;
 * {@code from} and {@code to} are the month's days inside the range (both inclusive), for
 * linking to those deals.
 */
public record MonthWinRate(YearMonth month, LocalDate from, LocalDate to, long won, long lost) {

	/**
	 * Won ÷ (won + lost) in percent, one decimal; null when no deal closed that month.
	 */
	public BigDecimal winRatePercent() {
		return won + lost == 0 ? null
				: BigDecimal.valueOf(won * 100).divide(BigDecimal.valueOf(won + lost), 1, RoundingMode.HALF_UP);
	}
}
