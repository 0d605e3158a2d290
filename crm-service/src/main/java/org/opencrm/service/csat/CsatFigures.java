package org.opencrm.service.csat;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One line of the CSAT report: surveys sent, how many were answered, and the answers'
 * average (1–5, two decimals; null with no answers). Response rate in percent, one
 * decimal.
 */
public record CsatFigures(String label, long surveys, long responses, BigDecimal average) {

	public BigDecimal responseRate() {
		return surveys == 0 ? null
				: BigDecimal.valueOf(responses * 100L).divide(BigDecimal.valueOf(surveys), 1, RoundingMode.HALF_UP);
	}
}
