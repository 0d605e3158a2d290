package org.opencrm.sales.forecast;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.opencrm.sales.shared.Period;

/**
 * A period's forecast: a line per rep and currency, the totals per currency (amounts in
 * different currencies are never added), and the won/lost analysis by lost reason and by
 * source.
 */
public record Forecast(Period period, List<ForecastLine> reps, List<ForecastLine> totals, List<LostReason> lostReasons,
		List<SourceResult> sources) {

	/** Lost deals closed in the period with one reason ("" when none was given). */
	public record LostReason(String reason, String currency, long deals, BigDecimal amount) {
	}

	/** Deals closed in the period from one lead source ("" when unknown). */
	public record SourceResult(String source, String currency, long won, long lost, BigDecimal wonAmount) {

		public BigDecimal winRatePercent() {
			return won + lost == 0 ? null
					: BigDecimal.valueOf(won * 100).divide(BigDecimal.valueOf(won + lost), 1, RoundingMode.HALF_UP);
		}
	}
}
